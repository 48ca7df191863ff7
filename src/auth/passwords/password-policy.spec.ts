import { commonPasswords } from './common-passwords';
import { hasShortPeriod, isSequence, passwordProblem } from './password-policy';

const check = (password: string, username?: string) =>
  passwordProblem({ password, username, minLength: 10, common: commonPasswords() });

describe('password policy (issue 12 point 7)', () => {
  it('refuses repeated characters and repeated fragments', () => {
    for (const p of [
      'aaaaaaaaaa',
      'abcabcabc1'.slice(0, 9) + 'abc',
      'abcabcabca',
      '12121212121',
      'xyxyxyxyxyxy',
    ]) {
      expect(hasShortPeriod(p.toLowerCase())).toBe(true);
      expect(check(p)).not.toBeNull();
    }
    expect(hasShortPeriod('abcabcxyzq')).toBe(false);
  });

  it('refuses ascending and descending runs, digits wrapping 9 to 0', () => {
    for (const p of ['1234567890', '0987654321', 'abcdefghijk', 'zyxwvutsrq']) {
      expect(isSequence(p)).toBe(true);
      expect(check(p)).toMatch(/连续|常见/);
    }
    expect(isSequence('1234567891')).toBe(false);
  });

  it('refuses common passwords in any case, short ones and the username itself', () => {
    expect(check('Password123')).toMatch(/常见/);
    expect(check('QWERTYUIOP')).toMatch(/常见/);
    expect(check('Lantern-4')).toMatch(/至少需要 10 个字符/);
    expect(check('Zhangsan-lantern', 'zhangsan-Lantern')).toMatch(/用户名/);
    expect(check('aabbaabbab')).toMatch(/不同的字符/);
  });

  it('accepts ordinary passphrases', () => {
    expect(check('Lantern-river-42')).toBeNull();
    expect(check('sentinel-test-pass-7')).toBeNull();
    expect(check('税务舆情监测很重要2026')).toBeNull();
  });

  it('ships a list of several thousand common passwords', () => {
    expect(commonPasswords().size).toBeGreaterThan(3000);
  });
});
