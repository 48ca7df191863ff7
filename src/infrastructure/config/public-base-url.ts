/**
 * PUBLIC_BASE_URL is the start of every link in every email (action links, console links). A wrong value makes all of
 * them dead without any error, so: by default it follows PORT and HOST, production must set it, and start-up warns
 * when nothing answers there.
 */

/** The address the service itself listens on: http://localhost:<PORT> for a wildcard HOST. */
export function defaultPublicBaseUrl(host: string, port: number): string {
  const h = host.trim();
  const name = h === '' || h === '0.0.0.0' || h === '::' ? 'localhost' : h.includes(':') ? `[${h}]` : h;
  return `http://${name}:${port}`;
}

/**
 * GET <PUBLIC_BASE_URL>/health. Returns a warning for the operator when it does not answer with 2xx, null when it
 * does. Behind a proxy that is not reachable from the server itself the warning is expected; it never stops start-up.
 */
export async function probePublicBaseUrl(base: string, timeoutMs = 5000): Promise<string | null> {
  const url = `${base.replace(/\/+$/, '')}/health`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    await res.body?.cancel();
    if (res.ok) return null;
    return `PUBLIC_BASE_URL=${base}: ${url} answered HTTP ${res.status}; links in emails may not reach this service`;
  } catch (e) {
    const why = (e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    return `PUBLIC_BASE_URL=${base}: no answer from ${url} (${why}); links in emails will not work until it points at this service`;
  }
}
