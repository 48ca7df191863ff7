import { LookupAddress } from 'node:dns';
import {
  assertUrlAllowed,
  blockedReason,
  guardedLookup,
  parseIPv6,
  Resolver,
  SsrfBlockedError,
} from './ssrf-guard';

describe('blockedReason: address ranges', () => {
  it.each([
    ['0.0.0.0', 'unspecified ("this network")'],
    ['10.20.30.40', 'private'],
    ['100.64.0.1', 'CGNAT shared'],
    ['100.127.255.255', 'CGNAT shared'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique local (private)'],
    ['fd12:3456::1', 'unique local (private)'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'IPv4-embedded loopback'],
    ['::ffff:7f00:1', 'IPv4-embedded loopback'],
    ['::ffff:10.0.0.1', 'IPv4-embedded private'],
    ['64:ff9b::a9fe:a9fe', 'IPv4-embedded link-local'],
    ['2002:c0a8:0101::1', 'IPv4-embedded private'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
  ])('%s is %s', (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '202.108.22.5',
    '2400:3200::1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2002:0808:0808::1',
  ])('%s is public', (ip) => {
    expect(blockedReason(ip)).toBeNull();
  });

  it('parses IPv6 forms and rejects malformed ones', () => {
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIPv6('12345::')).toBeNull();
  });
});

describe('assertUrlAllowed', () => {
  const deny = { allowPrivate: false };
  it('refuses non-http schemes and credentials, and private IP literals', () => {
    expect(() => assertUrlAllowed(new URL('file:///etc/passwd'), deny)).toThrow(
      'refused: scheme file: is not http or https',
    );
    expect(() => assertUrlAllowed(new URL('gopher://x/'), { allowPrivate: true })).toThrow(SsrfBlockedError);
    expect(() => assertUrlAllowed(new URL('http://user:pw@example.com/'), deny)).toThrow('credentials');
    expect(() => assertUrlAllowed(new URL('http://0x7f.1/'), deny)).toThrow(
      'refused: 127.0.0.1 is a loopback address',
    );
    expect(() => assertUrlAllowed(new URL('http://[::1]:8080/'), deny)).toThrow('loopback');
  });
  it('leaves host names to the lookup and honours allowPrivate / allowHosts', () => {
    expect(() => assertUrlAllowed(new URL('https://rsshub.example.cn/weibo'), deny)).not.toThrow();
    expect(() => assertUrlAllowed(new URL('http://10.0.0.5/'), { allowPrivate: true })).not.toThrow();
    expect(() =>
      assertUrlAllowed(new URL('http://10.0.0.5/'), { allowPrivate: false, allowHosts: ['10.0.0.5'] }),
    ).not.toThrow();
    expect(() =>
      assertUrlAllowed(new URL('http://10.0.0.6/'), { allowPrivate: false, allowHosts: ['10.0.0.5'] }),
    ).toThrow('private');
  });
});

describe('guardedLookup (connect-time check; defeats DNS rebinding)', () => {
  const fake = (answers: LookupAddress[][]): Resolver => {
    let call = 0;
    return (_host, cb) => cb(null, answers[Math.min(call++, answers.length - 1)]);
  };
  const lookup = (resolver: Resolver, all: boolean, policy = { allowPrivate: false }) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      guardedLookup(policy, resolver)('feed.example.cn', { all }, (err, address, family) =>
        resolve({ err, address, family }),
      ),
    );

  it('returns public addresses in both call styles', async () => {
    const r = fake([
      [
        { address: '203.119.1.1', family: 4 },
        { address: '2400:3200::1', family: 6 },
      ],
    ]);
    expect(await lookup(r, false)).toEqual({ err: null, address: '203.119.1.1', family: 4 });
    const all = await lookup(r, true);
    expect(all.address).toEqual([
      { address: '203.119.1.1', family: 4 },
      { address: '2400:3200::1', family: 6 },
    ]);
  });

  it('refuses when any answer is private, e.g. a name that rebinds to 127.0.0.1 on the second resolution', async () => {
    const rebinding = fake([[{ address: '203.119.1.1', family: 4 }], [{ address: '127.0.0.1', family: 4 }]]);
    expect((await lookup(rebinding, true)).err).toBeNull();
    const second = await lookup(rebinding, true);
    expect(second.err).toBeInstanceOf(SsrfBlockedError);
    expect(second.err?.message).toBe('refused: feed.example.cn resolves to 127.0.0.1, a loopback address');
    const mixed = fake([
      [
        { address: '203.119.1.1', family: 4 },
        { address: '::ffff:192.168.0.1', family: 6 },
      ],
    ]);
    expect((await lookup(mixed, false)).err?.message).toMatch(/IPv4-embedded private/);
  });

  it('lets an allow-listed host resolve to a private address', async () => {
    const r = fake([[{ address: '10.0.0.7', family: 4 }]]);
    expect(await lookup(r, false, { allowPrivate: false, allowHosts: ['FEED.example.cn'] } as never)).toEqual(
      { err: null, address: '10.0.0.7', family: 4 },
    );
  });

  it('passes resolver errors through', async () => {
    const failing: Resolver = (_h, cb) =>
      cb(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    expect((await lookup(failing, false)).err?.message).toBe('getaddrinfo ENOTFOUND');
  });
});

describe('issue 12 point 12: every special-purpose IPv6 and IPv4 range is refused', () => {
  it.each([
    ['::ffff:0:7f00:1', 'IPv4-translated'],
    ['::ffff:0:10.0.0.1', 'IPv4-translated'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated'],
    ['::8.8.8.8', 'IPv4-compatible (deprecated)'],
    ['::7f00:1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::7f00:1', 'IPv4-embedded loopback'],
    ['64:ff9b:1::8.8.8.8', 'local NAT64'],
    ['100::1', 'discard-only'],
    ['100:0:0:1::1', 'dummy prefix'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:1::1', 'IETF protocol assignment'],
    ['2001:2::5', 'benchmarking'],
    ['2001:3::1', 'IETF protocol assignment'],
    ['2001:10::1', 'ORCHID'],
    ['2001:20::1', 'ORCHID'],
    ['2001:db8:1::1', 'documentation'],
    ['2002:7f00:1::1', 'IPv4-embedded loopback'],
    ['2002:a9fe:a9fe::1', 'IPv4-embedded link-local'],
    ['2620:4f:8000::1', 'AS112 anycast'],
    ['3fff:1::1', 'documentation'],
    ['5f00::1', 'not global unicast (outside 2000::/3)'],
    ['4000::1', 'not global unicast (outside 2000::/3)'],
    ['e000::1', 'not global unicast (outside 2000::/3)'],
    ['fec0::1', 'site-local'],
    ['ff0e::1', 'multicast'],
    ['192.0.0.9', 'IETF protocol assignment'],
    ['192.0.0.170', 'IETF protocol assignment'],
    ['192.31.196.1', 'AS112 anycast'],
    ['192.52.193.1', 'AMT anycast'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.175.48.1', 'AS112 anycast'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['0.1.2.3', 'unspecified ("this network")'],
  ])('%s is %s', (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });

  it.each(['2001:4860:4860::8888', '2400:da00::6666', '2a00:1450::1', '::ffff:1.2.3.4', '64:ff9b::808:808'])(
    '%s stays public',
    (ip) => expect(blockedReason(ip)).toBeNull(),
  );

  it('refuses an IPv4-translated literal before connecting', () => {
    expect(() => assertUrlAllowed(new URL('http://[::ffff:0:7f00:1]/'), { allowPrivate: false })).toThrow(
      'IPv4-translated',
    );
  });
});
