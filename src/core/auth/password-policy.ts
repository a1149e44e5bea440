/**
 * Words and runs that breached-password corpora show people build passwords from. A password
 * whose letters, with digits and symbols taken out, are one of these (or one repeated) is
 * refused, whatever is added around it: "Password123456!" is still "password".
 */
const BREACHED_BASES = [
  'password',
  'passw0rd',
  'p@ssword',
  'qwerty',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'azerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'administrator',
  'changeme',
  'default',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'sunshine',
  'princess',
  'shadow',
  'master',
  'superman',
  'batman',
  'trustno',
  'abc',
  'abcdef',
  'login',
  'secret',
  'police',
  'haven',
  'summer',
  'winter',
  'spring',
  'autumn',
  'january',
  'london',
  'england',
  'liverpool',
  'chelsea',
  'arsenal',
  'computer',
  'internet',
  'starwars',
  'whatever',
  'freedom',
  'hello',
  'charlie',
  'michael',
  'jennifer',
];
const SEQUENCES = ['0123456789', '1234567890', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

function breachedPattern(password: string): boolean {
  const lower = password.toLowerCase();
  // "P@$$word2021!" → "password": undo symbol swaps, then drop what is padded on either end.
  const core = lower
    .replace(/@/g, 'a')
    .replace(/\$/g, 's')
    .replace(/^[^a-z]+|[^a-z]+$/g, '');
  const letters = core.replace(/[^a-z0-9]/g, '');
  const digits = lower.replace(/[^0-9]/g, '');
  if (!/[a-z]/.test(lower)) return SEQUENCES.some((s) => s.includes(digits.slice(0, 8))) || new Set(digits).size <= 3;
  for (const base of BREACHED_BASES) {
    if (letters === base || (letters.length % base.length === 0 && letters === base.repeat(letters.length / base.length))) return true;
  }
  return SEQUENCES.some((s) => letters.length >= 6 && s.includes(letters));
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) return 'password must be at least 12 characters';
  if (password.length > 256) return 'password must be at most 256 characters';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  if (new Set(password).size < 5) return 'password is too repetitive';
  if (breachedPattern(password)) return 'password is built on a pattern common in breached passwords';
  return null;
}
