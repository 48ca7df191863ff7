/**
 * What to do after a send attempt: which failures are worth retrying, and when. Pure functions, unit-tested in
 * delivery-policy.spec.ts.
 */

export interface SendErrorVerdict {
  /** True: the mail may go through later (retry with backoff). False: retrying cannot help (mark failed). */
  transient: boolean;
  /** What to record as the server's answer. */
  response: string;
}

/** Network-level failures where the mail itself is fine and only the path to the server is not. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETIMEOUT',
  'EPROTOCOL',
]);

/** Failures of the message itself: sending it again gives the same answer. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EINVALIDADDRESS']);

interface ErrorLike {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * Classifies a transport error. SMTP reply codes decide first (RFC 5321 §4.2.1: 4yz = transient negative
 * completion, 5yz = permanent, e.g. 550 mailbox unavailable, 553 bad address) — except authentication and TLS,
 * see TRANSIENT_CODES. Without a reply code, known network errors are transient and message errors permanent;
 * anything unknown is treated as transient so a mail is never dropped on a surprise (MAIL_GIVE_UP_HOURS bounds it).
 */
export function classifySendError(err: unknown): SendErrorVerdict {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const replyCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = [code, typeof e.response === 'string' ? e.response : undefined, String(e.message ?? '')]
    .filter((s) => s)
    .join(': ')
    .slice(0, 2000);
  const response = text || 'unknown error';
  // Bad credentials or TLS set-up (535, …) are the operator's to fix and every mail would fail alike: keep the
  // backlog queued (until MAIL_GIVE_UP_HOURS) rather than failing all of it at once.
  if (code === 'EAUTH' || code === 'ETLS') return { transient: true, response };
  if (replyCode !== undefined) {
    if (replyCode >= 400 && replyCode < 500) return { transient: true, response };
    if (replyCode >= 500 && replyCode < 600) return { transient: false, response };
  }
  if (code && PERMANENT_CODES.has(code)) return { transient: false, response };
  if (code && TRANSIENT_CODES.has(code)) return { transient: true, response };
  return { transient: true, response };
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay randomised either way (0.2 = ±20 %), so many failed mails do not retry in lockstep. */
  jitter?: number;
}

/**
 * Delay before retry number `failedAttempts` (1 = after the first failure): base·2^(n−1), capped at max, then
 * jittered by ±jitter. `random` is injectable for tests.
 */
export function retryDelayMs(
  failedAttempts: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  const jitter = opts.jitter ?? 0.2;
  const factor = 1 - jitter + 2 * jitter * random();
  return Math.max(1000, Math.round(exp * factor));
}

/**
 * A pragmatic check before a mail is handed to the transport: one @, no spaces or angle brackets, a dotted or
 * bracketed domain, within RFC 5321 lengths. An address failing it is a permanent failure ("invalid address").
 */
export function isDeliverableAddress(address: string): boolean {
  if (address.length > 254) return false;
  const m = /^([^\s@<>()[\]\\,;:"]+)@([^\s@<>()\\,;:"]+)$/.exec(address);
  if (!m) return false;
  const [, local, domain] = m;
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (/^\[[0-9a-fA-F:.]+\]$/.test(domain)) return true;
  return /^[^.\s]+(\.[^.\s]+)+$/.test(domain) || domain === 'localhost';
}
