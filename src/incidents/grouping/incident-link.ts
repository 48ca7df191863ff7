/**
 * "Same link" for grouping: two items pointing at the same article, however the URL was decorated. Normalising:
 * scheme dropped (http = https), host lower-cased without `www.`/`m.`/`wap.` and default port, fragment dropped,
 * tracking parameters dropped (utm_*, spm, from, share/source markers, timestamps …), remaining parameters sorted,
 * trailing slash and `index.html` dropped. Returns null for anything that is not an http(s) URL.
 */
const TRACKING =
  /^(utm_\w+|spm|from|source|src|share\w*|scene|ref|refer|ref_src|ts|timestamp|t|_t|wfr|isappinstalled|vd_source|sharer_\w+|fbclid|gclid)$/i;

export function normalizeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www|m|wap)\./, '');
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  let path = u.pathname.replace(/\/index\.s?html?$/i, '/').replace(/\/+$/, '');
  if (!path) path = '';
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  const query = params.length
    ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`
    : '';
  return `${host}${port}${path}${query}`.slice(0, 1000);
}
