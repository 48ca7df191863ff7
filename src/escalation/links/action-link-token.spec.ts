import { issueToken, parseToken, verifyToken } from './action-link-token';

const secret = 'a-secret-key-of-at-least-32-characters!!';
const binding = {
  action: 'acknowledge',
  subjectKind: 'incident',
  subjectId: '42',
  recipientEmail: 'Head@County.example.cn',
  expiresAt: new Date('2026-11-05T00:00:00Z'),
};

describe('action link tokens', () => {
  it('a fresh token verifies against its binding and is looked up by the hash of its random part', () => {
    const { token, tokenHash } = issueToken(secret, binding);
    const parsed = parseToken(token)!;
    expect(parsed.tokenHash).toBe(tokenHash);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyToken(secret, parsed, binding)).toBe(true);
    // the address is compared case-insensitively (a directory edit of capitalisation keeps links valid)
    expect(verifyToken(secret, parsed, { ...binding, recipientEmail: 'head@county.example.cn' })).toBe(true);
  });

  it('tokens are random', () => {
    expect(issueToken(secret, binding).token).not.toBe(issueToken(secret, binding).token);
  });

  it.each([
    ['another action', { action: 'report' }],
    ['another subject', { subjectId: '43' }],
    ['another recipient', { recipientEmail: 'deputy@county.example.cn' }],
    ['a later expiry', { expiresAt: new Date('2026-12-05T00:00:00Z') }],
  ])('does not verify for %s', (_, change) => {
    const parsed = parseToken(issueToken(secret, binding).token)!;
    expect(verifyToken(secret, parsed, { ...binding, ...change })).toBe(false);
  });

  it('does not verify with another key or an altered signature', () => {
    const { token } = issueToken(secret, binding);
    expect(verifyToken('another-secret-key-of-32-characters-xx', parseToken(token)!, binding)).toBe(false);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(verifyToken(secret, parseToken(flipped)!, binding)).toBe(false);
  });

  it.each([
    '',
    'abc',
    'x'.repeat(24) + '.' + 'y'.repeat(21),
    'x'.repeat(24) + '.' + 'y'.repeat(22) + '=',
    '../../etc',
  ])('rejects malformed %j', (t) => expect(parseToken(t)).toBeNull());
});
