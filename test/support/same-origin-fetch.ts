/**
 * Makes the tests' `fetch` behave like a browser on the console's own pages: a state-changing request that carries a
 * cookie also carries an Origin header naming the server it goes to. The service refuses cookie-authenticated
 * POST/PUT/PATCH/DELETE without a same-origin Origin or Referer (CSRF defence, issue 12 point 9), and browsers always
 * send Origin on such requests, so every test that posts with a session cookie keeps working unchanged.
 *
 * A test that sets its own Origin keeps it (that is how cross-site requests are tested); to send none at all, use
 * rawRequest() from ./http.
 */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installSameOriginFetch(): void {
  const realFetch = globalThis.fetch;
  if ((realFetch as { sameOrigin?: boolean }).sameOrigin) return;
  const wrapped = (input: string | URL | Request, init?: RequestInit) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (!STATE_CHANGING.has(method) || !init?.headers) return realFetch(input, init);
    const headers = new Headers(init.headers);
    if (!headers.has('cookie') || headers.has('origin')) return realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    headers.set('origin', new URL(url).origin);
    return realFetch(input, { ...init, headers });
  };
  globalThis.fetch = Object.assign(wrapped, { sameOrigin: true }) as typeof fetch;
}
