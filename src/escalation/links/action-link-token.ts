/**
 * Signed action-link tokens (pure; action-link-token.spec.ts).
 *
 * A token is `<random>.<signature>`: 144 random bits, and an HMAC-SHA256 (SECRET_KEY) over the random part AND what
 * the link is for — action, subject, recipient, expiry. The database keeps only sha256(random) plus those fields, so
 * a stolen database cannot produce working links, and a token whose row was altered (another recipient or action, a
 * later expiry) no longer verifies. Single use and expiry are enforced on the row.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LinkBinding {
  action: string;
  subjectKind: string;
  subjectId: string;
  recipientEmail: string;
  expiresAt: Date;
}

const SIG_CHARS = 22; // 132 bits of the HMAC, base64url
const TOKEN_RE = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{22})$/;

function payload(random: string, b: LinkBinding): string {
  return [
    'v1',
    random,
    b.action,
    b.subjectKind,
    b.subjectId,
    b.recipientEmail.trim().toLowerCase(),
    b.expiresAt.getTime(),
  ].join('|');
}

function sign(secret: string, random: string, b: LinkBinding): string {
  return createHmac('sha256', secret).update(payload(random, b)).digest('base64url').slice(0, SIG_CHARS);
}

export function hashRandom(random: string): string {
  return createHash('sha256').update(random).digest('hex');
}

/** A new token for this binding, and the hash to store. `entropy`: 18 random bytes (batches draw them at once). */
export function issueToken(
  secret: string,
  b: LinkBinding,
  entropy: Buffer = randomBytes(18),
): { token: string; tokenHash: string } {
  if (entropy.length !== 18) throw new RangeError('a token needs 18 random bytes');
  const random = entropy.toString('base64url');
  return { token: `${random}.${sign(secret, random, b)}`, tokenHash: hashRandom(random) };
}

/** The random part's hash to look the row up with, or null when the token is not even well-formed. */
export function parseToken(token: string): { random: string; signature: string; tokenHash: string } | null {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  return { random: m[1], signature: m[2], tokenHash: hashRandom(m[1]) };
}

/** Does the signature match the row's binding? Constant-time. */
export function verifyToken(
  secret: string,
  parsed: { random: string; signature: string },
  b: LinkBinding,
): boolean {
  const expected = Buffer.from(sign(secret, parsed.random, b));
  const given = Buffer.from(parsed.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
