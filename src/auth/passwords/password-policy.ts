/**
 * The password policy (issue 12 point 7), applied wherever a password is set: account creation (API, CLI, first
 * admin) and reset. Pure functions; the common-password list is loaded by common-passwords.ts.
 *
 * Every check is linear in the password's length (at most MAX_LENGTH characters).
 */
export const MAX_LENGTH = 256;

/** Fewer distinct characters than this is a pattern, not a password (aaaaabbbbb, 1212121212). */
const MIN_DISTINCT = 4;

export interface PasswordPolicyInput {
  password: string;
  minLength: number;
  username?: string;
  common: ReadonlySet<string>;
}

/** The reason the password is refused, in Chinese for the person choosing it; null when it is acceptable. */
export function passwordProblem(p: PasswordPolicyInput): string | null {
  const pw = p.password;
  if ([...pw].length < p.minLength) return `密码至少需要 ${p.minLength} 个字符`;
  if (pw.length > MAX_LENGTH) return `密码不能超过 ${MAX_LENGTH} 个字符`;
  const lower = pw.toLowerCase();
  if (p.common.has(lower)) return '密码过于常见，容易被猜中，请换一个';
  if (p.username && lower === p.username.toLowerCase()) return '密码不能与用户名相同';
  if (hasShortPeriod(lower)) return '密码不能由重复的字符或片段组成（如 aaaaaaaaaa、abcabcabc）';
  if (isSequence(lower)) return '密码不能是连续的字符序列（如 1234567890、abcdefghij）';
  if (new Set(lower).size < MIN_DISTINCT) return `密码至少需要包含 ${MIN_DISTINCT} 个不同的字符`;
  return null;
}

/**
 * True when the text repeats a unit of at most half its length (aaaa…, abcabcabc, abcabcabca), found with the KMP
 * failure function: the shortest period is n - π(n-1).
 */
export function hasShortPeriod(s: string): boolean {
  const n = s.length;
  if (n < 2) return false;
  const pi = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) {
    let k = pi[i - 1];
    while (k > 0 && s[i] !== s[k]) k = pi[k - 1];
    if (s[i] === s[k]) k++;
    pi[i] = k;
  }
  return n - pi[n - 1] <= n / 2;
}

/** True when every step goes one up, or every step one down (digits wrap: …7890, 0987…). */
export function isSequence(s: string): boolean {
  if (s.length < 3) return false;
  const step = (a: string, b: string) => {
    if (a === '9' && b === '0') return 1;
    if (a === '0' && b === '9') return -1;
    return b.charCodeAt(0) - a.charCodeAt(0);
  };
  const first = step(s[0], s[1]);
  if (first !== 1 && first !== -1) return false;
  for (let i = 2; i < s.length; i++) if (step(s[i - 1], s[i]) !== first) return false;
  return true;
}
