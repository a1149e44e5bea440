/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) return 'password must be at least 12 characters';
  if (password.length > 256) return 'password must be at most 256 characters';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  if (new Set(password).size < 5) return 'password is too repetitive';
  return null;
}
