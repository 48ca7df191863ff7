/** The console's home: 态势总览 (issue 13). */
export const DEFAULT_LANDING = '/console';

/**
 * Where to send the browser after login: the `next` the login page was given, but only a path on this site.
 * `//evil.example` and `/\evil.example` are protocol-relative to browsers, so they are refused like absolute URLs.
 */
export function safeNextPath(next: unknown, fallback = DEFAULT_LANDING): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // Control characters (CR/LF, tab) could split headers or be stripped by browsers into something else.
  for (let i = 0; i < next.length; i++) {
    const c = next.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return fallback;
  }
  return next;
}
