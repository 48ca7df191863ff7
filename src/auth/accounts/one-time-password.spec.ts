import { passwordProblem } from '../passwords/password-policy';
import { oneTimePassword } from './one-time-password';

describe('oneTimePassword', () => {
  const common = new Set(['password123']);

  it('draws passwords the password policy accepts, without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const pw = oneTimePassword(10, common);
      expect(pw).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{16}$/);
      expect(passwordProblem({ password: pw, minLength: 10, common })).toBeNull();
    }
  });

  it('grows to a minimum length above its default', () => {
    expect(oneTimePassword(24, common)).toHaveLength(24);
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 100 }, () => oneTimePassword(10, common)));
    expect(seen.size).toBe(100);
  });
});
