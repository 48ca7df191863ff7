import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * SSRF guard: a feed URL (and every redirect hop) may only reach public unicast addresses, unless the operator allows
 * private networks or names the host explicitly. Checked twice: IP literals before the request (net.connect skips DNS
 * for them) and every resolved address inside the socket's `lookup`, so the address we vet is the address we connect
 * to — a DNS answer that changes between a check and the connect (rebinding) is vetted again.
 */
export interface SsrfPolicy {
  allowPrivate: boolean;
  allowHosts?: string[];
}

export class SsrfBlockedError extends Error {
  readonly code = 'ERR_SSRF_BLOCKED';
}

interface Range {
  net: bigint;
  bits: number;
  reason: string;
}

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted quad); null if malformed. */
export function parseIPv6(input: string): bigint | null {
  let ip = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const quad = ip.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (quad) {
    if (isIP(quad[1]) !== 4) return null;
    const n = v4ToBigInt(quad[1]);
    ip = `${ip.slice(0, -quad[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

// IANA IPv4 special-purpose registry, plus multicast and the reserved class E. The anycast blocks IANA marks
// globally reachable (AS112, AMT, PCP/TURN in 192.0.0.0/24) host no feeds: refusing them costs nothing.
const V4: Range[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'CGNAT shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignment'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.31.196.0', 24, 'AS112 anycast'],
  ['192.52.193.0', 24, 'AMT anycast'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['192.175.48.0', 24, 'AS112 anycast'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
].map(([net, bits, reason]) => ({
  net: v4ToBigInt(net as string),
  bits: bits as number,
  reason: reason as string,
}));

const v6 = (list: [string, number, string][]): Range[] =>
  list.map(([net, bits, reason]) => ({ net: parseIPv6(net)!, bits, reason }));

// IANA IPv6 special-purpose registry (and the address-space registry), most specific first. Forms that embed an
// IPv4 address (mapped, NAT64, 6to4) are judged by that address before this list; everything else outside global
// unicast 2000::/3 is refused by the catch-all after it.
const V6 = v6([
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  // SIIT's IPv4-translated form (RFC 2765, obsoleted): nothing on the Internet is reached through it.
  ['::ffff:0:0:0', 96, 'IPv4-translated'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['64:ff9b:1::', 48, 'local NAT64'],
  ['100::', 64, 'discard-only'],
  ['100:0:0:1::', 64, 'dummy prefix'],
  ['2001::', 32, 'Teredo'],
  ['2001:2::', 48, 'benchmarking'],
  ['2001:10::', 28, 'ORCHID'],
  ['2001:20::', 28, 'ORCHID'],
  ['2001:db8::', 32, 'documentation'],
  ['2001::', 23, 'IETF protocol assignment'],
  ['2620:4f:8000::', 48, 'AS112 anycast'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique local (private)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
]);
const GLOBAL_UNICAST = v6([['2000::', 3, '']])[0];

function inRange(value: bigint, width: number, r: Range): boolean {
  const shift = BigInt(width - r.bits);
  return value >> shift === r.net >> shift;
}

/** IPv6 forms that carry a reachable IPv4 address: mapped, NAT64 well-known prefix, 6to4. */
function embeddedV4(v: bigint): bigint | null {
  if (v >> 32n === 0xffffn) return v & 0xffffffffn; // ::ffff:a.b.c.d
  if (v >> 32n === 0x64ff9b0000000000000000n) return v & 0xffffffffn; // 64:ff9b::/96
  if (v >> 112n === 0x2002n) return (v >> 80n) & 0xffffffffn; // 2002:aabb:ccdd::/48
  return null;
}

function v4Reason(n: bigint): string | null {
  return V4.find((r) => inRange(n, 32, r))?.reason ?? null;
}

/** Why this IP must not be contacted (e.g. 'loopback'), or null for a public unicast address. Non-IPs → 'not an IP'. */
export function blockedReason(ip: string): string | null {
  const family = isIP(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) return v4Reason(v4ToBigInt(ip));
  if (family !== 6) return 'not an IP address';
  const v = parseIPv6(ip);
  if (v === null) return 'not an IP address';
  const inner = embeddedV4(v);
  if (inner !== null) {
    const reason = v4Reason(inner);
    return reason ? `IPv4-embedded ${reason}` : null;
  }
  const special = V6.find((r) => inRange(v, 128, r));
  if (special) return special.reason;
  return inRange(v, 128, GLOBAL_UNICAST) ? null : 'not global unicast (outside 2000::/3)';
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export function hostIsAllowed(hostname: string, policy: SsrfPolicy): boolean {
  const host = bareHost(hostname);
  return policy.allowPrivate || (policy.allowHosts ?? []).some((h) => bareHost(h.trim()) === host);
}

/**
 * Checks what can be checked before connecting: the scheme, and the address when the host is an IP literal (the
 * WHATWG URL parser already turned `2130706433` or `0x7f.1` into `127.0.0.1`). Host names are vetted by the lookup.
 */
export function assertUrlAllowed(url: URL, policy: SsrfPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SsrfBlockedError(`refused: scheme ${url.protocol} is not http or https`);
  }
  if (url.username || url.password) throw new SsrfBlockedError('refused: credentials in the URL');
  const host = bareHost(url.hostname);
  if (hostIsAllowed(host, policy) || !isIP(host)) return;
  const reason = blockedReason(host);
  if (reason) throw new SsrfBlockedError(`refused: ${host} is a ${reason} address`);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type Resolver = (
  hostname: string,
  callback: (err: NodeJS.ErrnoException | null, addrs: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, cb) => dnsLookup(hostname, { all: true, verbatim: true }, cb);

/**
 * A `lookup` for net/tls.connect that resolves the name itself and refuses the connection if ANY resolved address is
 * blocked (an attacker's name may answer with both a public and a private address). Handles both the `all: true`
 * call (Node's happy-eyeballs path) and the classic single-address call.
 */
export function guardedLookup(policy: SsrfPolicy, resolver: Resolver = systemResolver) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string } | number,
    callback: LookupCallback,
  ) => {
    const opts = typeof options === 'object' && options !== null ? options : {};
    resolver(hostname, (err, addrs) => {
      if (err) return callback(err, opts.all ? [] : '');
      if (!addrs.length)
        return callback(Object.assign(new Error(`cannot resolve ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (!hostIsAllowed(hostname, policy)) {
        for (const a of addrs) {
          const reason = blockedReason(a.address);
          if (reason)
            return callback(
              new SsrfBlockedError(`refused: ${hostname} resolves to ${a.address}, a ${reason} address`),
              '',
            );
        }
      }
      const wanted =
        opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
      const usable = wanted ? addrs.filter((a) => a.family === wanted) : addrs;
      if (!usable.length)
        return callback(
          Object.assign(new Error(`no IPv${wanted} address for ${hostname}`), { code: 'ENOTFOUND' }),
          '',
        );
      if (opts.all) return callback(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}
