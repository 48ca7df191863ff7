import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../support/cli';
import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

describe('sources API: CRUD, validation, scoping, CSV (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let gdAdmin: string;
  let gdMonitor: string;
  let zjMonitor: string;

  const api = (path: string, cookie: string, init: RequestInit = {}) =>
    fetch(`${t.url}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const post = (path: string, cookie: string, body: unknown) =>
    api(path, cookie, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('hq-admin', 'admin', '00');
    gdAdmin = await t.userWithSession('gd-admin', 'admin', '44');
    gdMonitor = await t.userWithSession('gd-monitor', 'monitor', '44');
    zjMonitor = await t.userWithSession('zj-monitor', 'monitor', '33');
  });
  afterAll(() => t.close());

  it('creates a feed, derives its host and region, makes it due at once and shows its health', async () => {
    const res = await post('/api/sources', admin, {
      name: '南方日报·要闻',
      kind: 'feed',
      url: 'https://Www.Nfdaily.example.com:8443/rss?x=1',
      bureauCode: '44',
      authorityTier: 'provincial',
      minIntervalSeconds: 600,
      maxIntervalSeconds: 7200,
    });
    expect(res.status).toBe(201);
    const s = await json(res);
    expect(s).toMatchObject({
      name: '南方日报·要闻',
      kind: 'feed',
      host: 'www.nfdaily.example.com',
      bureauCode: '44',
      regionCode: '440000',
      enabled: true,
    });
    expect(s.pushSecret).toBeUndefined();
    expect(s.health).toMatchObject({
      status: 'pending',
      consecutiveErrors: 0,
      itemsLast24h: 0,
      needsAttention: false,
      stale: false,
      lastSuccessAt: null,
    });
    expect(new Date(s.health.nextCheckAt)).toEqual(t.clock.now());
  });

  it('validates input field by field', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { name: 'x', kind: 'feed', url: 'ftp://example.com/rss', authorityTier: 'local' },
        /url: 只支持 http 或 https/,
      ],
      [{ name: 'x', kind: 'feed', authorityTier: 'local' }, /url: 订阅源必须填写地址/],
      [
        { name: 'x', url: 'https://e.example.com/a', authorityTier: 'local', minIntervalSeconds: 30 },
        /min_interval/,
      ],
      [
        {
          name: 'x',
          url: 'https://e.example.com/b',
          authorityTier: 'local',
          minIntervalSeconds: 900,
          maxIntervalSeconds: 600,
        },
        /max_interval: 最长间隔不能小于最短间隔/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/sources', admin, body);
      expect(res.status).toBe(400);
      const err = await json(res);
      expect(err.code).toBe('SOURCE_INVALID');
      expect(err.message).toMatch(message);
    }
    const dto = await post('/api/sources', admin, {
      name: 'x',
      url: 'https://e.example.com/c',
      authorityTier: 'tv',
      colour: 1,
    });
    expect(dto.status).toBe(400);
    const unknownBureau = await post('/api/sources', admin, {
      name: 'x',
      url: 'https://e.example.com/d',
      authorityTier: 'local',
      bureauCode: '999999',
    });
    expect(unknownBureau.status).toBe(404);
    const dup = await post('/api/sources', admin, {
      name: '南方日报·要闻',
      url: 'https://other.example.com/',
      authorityTier: 'local',
    });
    expect(dup.status).toBe(409);
    expect((await json(dup)).code).toBe('SOURCE_NAME_TAKEN');
    const sameUrl = await post('/api/sources', admin, {
      name: '另一个',
      url: 'https://Www.Nfdaily.example.com:8443/rss?x=1',
      authorityTier: 'local',
    });
    expect(sameUrl.status).toBe(409);
  });

  it('scopes reads to the subtree (plus bureau-less sources) and writes to admins of that subtree', async () => {
    const zj = await json(
      await post('/api/sources', admin, {
        name: '浙江日报',
        url: 'https://zj.example.com/rss',
        bureauCode: '33',
        authorityTier: 'provincial',
      }),
    );
    const sz = await json(
      await post('/api/sources', gdAdmin, {
        name: '广州论坛',
        url: 'https://gzbbs.example.com/rss',
        bureauCode: '4401',
        authorityTier: 'forum',
      }),
    );
    expect(sz.id).toBeDefined();
    const national = await json(
      await post('/api/sources', admin, {
        name: '人民网',
        url: 'https://people.example.com/rss',
        authorityTier: 'central',
      }),
    );

    const names = async (cookie: string) =>
      (await json(await api('/api/sources', cookie))).map((s: { name: string }) => s.name).sort();
    expect(await names(gdMonitor)).toEqual(['人民网', '南方日报·要闻', '广州论坛'].sort());
    expect(await names(zjMonitor)).toEqual(['人民网', '浙江日报'].sort());
    expect((await api(`/api/sources/${zj.id}`, gdMonitor)).status).toBe(403);
    expect((await api(`/api/sources/${national.id}`, gdMonitor)).status).toBe(200);
    expect((await api('/api/sources/424242', gdMonitor)).status).toBe(404);

    // monitors cannot write; a provincial admin cannot touch another province or national sources
    expect(
      (
        await post('/api/sources', gdMonitor, {
          name: 'm',
          url: 'https://m.example.com/',
          authorityTier: 'local',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post('/api/sources', gdAdmin, {
          name: 'z',
          url: 'https://z.example.com/',
          bureauCode: '33',
          authorityTier: 'local',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post('/api/sources', gdAdmin, {
          name: 'n',
          url: 'https://n.example.com/',
          authorityTier: 'central',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(`/api/sources/${national.id}`, gdAdmin, {
          method: 'PATCH',
          body: JSON.stringify({ enabled: false }),
        })
      ).status,
    ).toBe(403);

    const patched = await api(`/api/sources/${sz.id}`, gdAdmin, {
      method: 'PATCH',
      body: JSON.stringify({ enabled: false, maxIntervalSeconds: 1800 }),
    });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({
      enabled: false,
      maxIntervalSeconds: 1800,
      health: { status: 'disabled' },
    });
    const kind = await api(`/api/sources/${sz.id}`, gdAdmin, {
      method: 'PATCH',
      body: JSON.stringify({ kind: 'push' }),
    });
    expect((await json(kind)).code).toBe('SOURCE_KIND_IMMUTABLE');
    const badPatch = await api(`/api/sources/${sz.id}`, gdAdmin, {
      method: 'PATCH',
      body: JSON.stringify({ minIntervalSeconds: 3600 }),
    });
    expect(badPatch.status).toBe(400);

    expect((await api(`/api/sources/${sz.id}`, gdMonitor, { method: 'DELETE' })).status).toBe(403);
    expect((await api(`/api/sources/${sz.id}`, gdAdmin, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/api/sources/${sz.id}`, gdAdmin)).status).toBe(404);
  });

  it('rotates a push secret (admins only) and lists recorded errors', async () => {
    const push = await json(
      await post('/api/sources', admin, { name: '厂商', kind: 'push', authorityTier: 'social' }),
    );
    expect(push.pushSecret).toMatch(/^ysp_/);
    const rotated = await json(await post(`/api/sources/${push.id}/rotate-secret`, admin, {}));
    expect(rotated.pushSecret).toMatch(/^ysp_/);
    expect(rotated.pushSecret).not.toBe(push.pushSecret);
    expect((await post(`/api/sources/${push.id}/rotate-secret`, gdMonitor, {})).status).toBe(403);
    await t.ds.query(
      `INSERT INTO source_errors (source_id, occurred_at, kind, status, message) VALUES ($1, $2, 'http', 503, 'HTTP 503')`,
      [push.id, t.clock.now()],
    );
    const errors = await json(await api(`/api/sources/${push.id}/errors`, gdMonitor));
    expect(errors).toEqual([
      { occurredAt: t.clock.now().toISOString(), kind: 'http', status: 503, message: 'HTTP 503' },
    ]);
  });

  it('imports CSV all-or-nothing with row errors, exports the same format, and re-imports without changes', async () => {
    const before = (await json(await api('/api/sources', admin))).length;
    const bad =
      'name,kind,url,bureau_code,authority_tier,min_interval,max_interval,enabled\n' +
      '好的一行,feed,https://ok.example.com/rss,44,local,300,3600,true\n' +
      '坏地址,feed,notaurl,44,local,300,3600,true\n' +
      '坏单位,feed,https://b.example.com/rss,999999,local,,,\n' +
      '抢地址,feed,https://zj.example.com/rss,,local,,,\n';
    const res = await api('/api/sources.csv', admin, {
      method: 'POST',
      body: bad,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(err.code).toBe('SOURCE_CSV_INVALID');
    expect(err.details.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual([
      '3:url',
      '4:bureau_code',
      '5:url',
    ]);
    expect((await json(await api('/api/sources', admin))).length).toBe(before); // nothing imported

    const good =
      'name,kind,url,bureau_code,authority_tier,min_interval,max_interval,enabled\n' +
      '广州日报,feed,https://gz.example.com/rss,4401,local,300,3600,true\n' +
      '浙江日报,feed,https://zj.example.com/rss,33,provincial,600,7200,false\n' +
      '推送厂商乙,push,,44,social,,,true\n';
    const ok = await api('/api/sources.csv', admin, {
      method: 'POST',
      body: good,
      headers: { 'content-type': 'text/csv' },
    });
    expect(ok.status).toBe(200);
    const report = await json(ok);
    expect(report).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    expect(report.pushSecrets).toEqual([
      expect.objectContaining({ name: '推送厂商乙', pushSecret: expect.stringMatching(/^ysp_/) }),
    ]);
    const zj = (await json(await api('/api/sources?q=浙江', admin)))[0];
    expect(zj).toMatchObject({ enabled: false, minIntervalSeconds: 600, maxIntervalSeconds: 7200 });

    // a provincial admin may not import rows for another province
    const foreign = await api('/api/sources.csv', gdAdmin, {
      method: 'POST',
      body: good,
      headers: { 'content-type': 'text/csv' },
    });
    expect(foreign.status).toBe(400);
    expect((await json(foreign)).details.errors.map((e: { line: number }) => e.line)).toEqual([3]);

    const exported = await api('/api/sources.csv', admin);
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = await exported.text();
    expect(csv.split('\n')[0]).toBe(
      'name,kind,url,bureau_code,authority_tier,min_interval,max_interval,enabled',
    );
    expect(csv).toContain('广州日报,feed,https://gz.example.com/rss,4401,local,300,3600,true');
    const again = await json(
      await api('/api/sources.csv', admin, {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      }),
    );
    expect(again).toMatchObject({ created: 0, updated: 0 });
    expect(again.unchanged).toBeGreaterThan(5);
    // monitors export only what they can see
    const gdCsv = await (await api('/api/sources.csv', gdMonitor)).text();
    expect(gdCsv).toContain('广州日报');
    expect(gdCsv).not.toContain('浙江日报');
  });

  it('imports from the command line: sources:import <csv>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-csv-'));
    const good = join(dir, 'good.csv');
    const bad = join(dir, 'bad.csv');
    writeFileSync(good, 'name,url,authority_tier\n命令行导入,https://cli.example.com/rss,local\n');
    writeFileSync(bad, 'name,url,authority_tier\n坏的,https://cli2.example.com/rss,somewhere\n');
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.db.url;
    try {
      const ok = await cli(['sources:import', good]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ created: 1 });
      const refused = await cli(['sources:import', bad]);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`${bad}:2: authority_tier:`);
      expect((await cli(['sources:import', join(dir, 'missing.csv')])).code).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM sources WHERE name IN ('命令行导入', '坏的')`,
    );
    expect(n).toBe(1);
  });
});
