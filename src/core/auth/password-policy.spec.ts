import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each(['Password123456!', 'qwertyuiop1234', 'P@ssword2021!!', '123456789012', 'letmeinletmein1', 'Welcome2024!!', 'abcdefgh2024'])(
    'refuses %s as a breached pattern',
    (pw) => expect(passwordProblem(pw, 'someone')).toMatch(/breached|repetitive/),
  );

  it('refuses short, username-bearing and repetitive passwords', () => {
    expect(passwordProblem('Short1!', 'x')).toMatch(/12 characters/);
    expect(passwordProblem('j.smith-is-here-2021', 'j.smith')).toMatch(/username/);
    expect(passwordProblem('aaaaaaaaaaaaa1', 'x')).toMatch(/repetitive/);
  });

  it.each(['Correct-Horse-Battery-9', 'tulip river 42 granite', 'Another-Long-Passphrase-7'])('accepts %s', (pw) => {
    expect(passwordProblem(pw, 'someone')).toBeNull();
  });
});
