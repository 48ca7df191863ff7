import { buildBureauCatalog } from '../../../src/organisation/bureau-catalog';
import { OrganisationService } from '../../../src/organisation/organisation.service';
import type { Principal } from '../../../src/auth/roles';
import { json } from '../../support/http';
import { createTestApp, TestApp } from '../../support/app';

describe('organisation directory: tree, search, scoping (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let hq: string; // HQ analyst session cookie
  let gd: string; // Guangdong monitor session cookie
  const get = (path: string, cookie: string) => fetch(`${t.url}${path}`, { headers: { cookie } });
  const codes = async (res: Response) => {
    expect(res.status).toBe(200);
    return ((await json(res)) as { code: string }[]).map((b) => b.code);
  };

  beforeAll(async () => {
    t = await createTestApp();
    hq = await t.userWithSession('hq-analyst', 'hq_analyst', '00');
    gd = await t.userWithSession('gd-monitor', 'monitor', '44');
  });
  afterAll(() => t.close());

  it('holds the whole tree: 1 HQ, 36 provincial-level (5 计划单列市 under HQ), every prefecture and county', async () => {
    const catalog = buildBureauCatalog();
    const expected = (level: string) => catalog.filter((b) => b.level === level).length;
    const rows: { level: string; n: number; hq_children: number }[] = await t.ds.query(
      `SELECT level, count(*)::int AS n, count(*) FILTER (WHERE parent_code = '00')::int AS hq_children
       FROM bureaus GROUP BY level`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.level, r]));
    expect(by.national.n).toBe(1);
    expect(by.provincial).toEqual({ level: 'provincial', n: 36, hq_children: 36 });
    expect(by.prefecture.n).toBe(expected('prefecture'));
    expect(by.county.n).toBe(expected('county'));
    expect(by.prefecture.n).toBeGreaterThan(300);
    expect(by.county.n).toBeGreaterThan(2800);
    const planned = await t.ds.query(
      `SELECT code, parent_code FROM bureaus WHERE separately_planned ORDER BY code`,
    );
    expect(planned).toEqual(
      ['2102', '3302', '3502', '3702', '4403'].map((code) => ({ code, parent_code: '00' })),
    );
  });

  it('finds 深圳, 深圳市税务局 and 南山区税务局 first', async () => {
    const sz = await json(await get(`/api/bureaus?q=${encodeURIComponent('深圳')}`, hq));
    expect(sz[0]).toMatchObject({
      code: '4403',
      name: '国家税务总局深圳市税务局',
      level: 'provincial',
      parentCode: '00',
    });
    expect(sz.slice(1).every((b: { parentCode: string }) => b.parentCode === '4403')).toBe(true); // then its districts
    expect((await codes(await get(`/api/bureaus?q=${encodeURIComponent('深圳市税务局')}`, hq)))[0]).toBe(
      '4403',
    );
    const ns = await json(await get(`/api/bureaus?q=${encodeURIComponent('南山区税务局')}`, hq));
    // Two 南山区 exist (Shenzhen and 鹤岗 Hegang): both come first, told apart by official name and parent.
    expect(
      ns
        .slice(0, 2)
        .map((b: { code: string }) => b.code)
        .sort(),
    ).toEqual(['230404', '440305']);
    const byCode = Object.fromEntries(ns.map((b: { code: string }) => [b.code, b]));
    expect(byCode['440305']).toMatchObject({ name: '国家税务总局深圳市南山区税务局', parentCode: '4403' });
    expect(byCode['230404']).toMatchObject({ name: '国家税务总局鹤岗市南山区税务局', parentCode: '2304' });
    expect(
      (await codes(await get(`/api/bureaus?q=${encodeURIComponent('深圳市南山区税务局')}`, hq)))[0],
    ).toBe('440305');
  });

  it('ranks exact before prefix before fuzzy, and finds loosely written names', async () => {
    const svc = t.get(OrganisationService);
    const p = { bureauPath: '00.' } as Principal;
    expect((await svc.search(p, '广东税务'))[0].code).toBe('44'); // alias
    expect((await svc.search(p, '4403'))[0].code).toBe('4403'); // code
    expect((await svc.search(p, '国家税务总局广东'))[0].code).toBe('44'); // prefix of the official name
    // fuzzy: not a prefix or substring of any name, but most of its character pairs are
    expect((await svc.search(p, '深圳罗湖税务局'))[0].code).toBe('440303');
    expect((await svc.search(p, '国家税务总局深圳南山'))[0].code).toBe('440305');
    expect(await svc.search(p, '纽约曼哈顿税务局')).toEqual([]);
    const counties = await svc.search(p, '南山', { level: 'county', limit: 5 });
    expect(counties.length).toBeGreaterThanOrEqual(2);
    expect(counties.every((b) => b.level === 'county')).toBe(true);
    expect(await svc.search(p, '深圳', { limit: 3 })).toHaveLength(3);
  });

  it('keeps a Guangdong monitor inside Guangdong: 403 on Zhejiang and on Shenzhen (which reports to HQ)', async () => {
    for (const code of ['33', '4403', '440305']) {
      const res = await get(`/api/bureaus/${code}`, gd);
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('AUTH_OUT_OF_SCOPE');
      for (const sub of ['children', 'subtree', 'ancestors']) {
        expect((await get(`/api/bureaus/${code}/${sub}`, gd)).status).toBe(403);
      }
    }
    expect((await get('/api/bureaus/9999', gd)).status).toBe(404);
    expect(await codes(await get(`/api/bureaus?q=${encodeURIComponent('深圳')}`, gd))).toEqual([]);
    expect(await codes(await get(`/api/bureaus?q=${encodeURIComponent('浙江')}`, gd))).toEqual([]);
    expect(await codes(await get(`/api/bureaus?q=${encodeURIComponent('南山区税务局')}`, gd))).toEqual([]);
    const gz = await codes(await get(`/api/bureaus?q=${encodeURIComponent('广州')}`, gd));
    expect(gz[0]).toBe('4401');
    const all = await json(await get('/api/bureaus?limit=500', gd));
    expect(all.length).toBeGreaterThan(100);
    expect(all.every((b: { path: string }) => b.path.startsWith('00.44.'))).toBe(true);
    expect((await get('/api/bureaus/44', gd)).status).toBe(200);
  });

  it('returns a bureau with ancestors, contacts and child count; children; subtree; ancestors', async () => {
    const detail = await json(await get('/api/bureaus/440305', hq));
    expect(detail).toMatchObject({ code: '440305', level: 'county', childCount: 0, contacts: [] });
    expect(detail.ancestors.map((b: { code: string }) => b.code)).toEqual(['00', '4403']);

    const hqChildren = await codes(await get('/api/bureaus/00/children', hq));
    expect(hqChildren).toHaveLength(36);
    expect(hqChildren.slice(0, 3)).toEqual(['11', '12', '13']);
    expect(hqChildren).toContain('4403');
    const sz = await codes(await get('/api/bureaus/4403/children', hq));
    expect(sz).toContain('440305');
    expect(sz.every((c) => c.startsWith('4403') && c.length === 6)).toBe(true);
    expect(await codes(await get('/api/bureaus/44/children', gd))).not.toContain('4403');

    const gdTop = await json(await get('/api/bureaus/44/subtree?maxDepth=1', gd));
    expect(gdTop[0].code).toBe('44');
    expect(gdTop.slice(1).every((b: { parentCode: string }) => b.parentCode === '44')).toBe(true);
    expect(gdTop).toHaveLength(1 + (await get('/api/bureaus/44/children', gd).then(json)).length);
    const gdAll = await codes(await get('/api/bureaus/44/subtree', gd));
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM bureaus WHERE path LIKE '00.44.%'`);
    expect(gdAll).toHaveLength(n);
    expect(gdAll).toContain('440106'); // a Guangzhou district, two levels down
    expect(await codes(await get('/api/bureaus/44/subtree?maxDepth=0', gd))).toEqual(['44']);

    // Ancestors are shown in full even above the principal's own bureau (breadcrumbs).
    expect(await codes(await get('/api/bureaus/440106/ancestors', gd))).toEqual(['00', '44', '4401']);
  });

  it('rejects bad parameters with 400 and a message', async () => {
    const cases: [string, RegExp][] = [
      ['/api/bureaus?limit=0', /limit must not be less than 1/],
      ['/api/bureaus?limit=abc', /limit must be an integer/],
      ['/api/bureaus?level=city', /level must be one of/],
      [`/api/bureaus?q=${'深'.repeat(101)}`, /q must be shorter/],
      ['/api/bureaus?unknown=1', /property unknown should not exist/],
      ['/api/bureaus/abc', /code must be a bureau code/],
      ['/api/bureaus/4403/subtree?maxDepth=9', /maxDepth must not be greater than 3/],
      ['/api/organisation/contacts.csv?scope=x', /scope must be a bureau code/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path, hq);
      expect([path, res.status]).toEqual([path, 400]);
      expect(JSON.stringify((await json(res)).message)).toMatch(message);
    }
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = await json(await fetch(`${t.url}/api/docs-json`));
    for (const path of [
      '/api/bureaus',
      '/api/bureaus/{code}',
      '/api/bureaus/{code}/children',
      '/api/bureaus/{code}/subtree',
      '/api/bureaus/{code}/ancestors',
      '/api/organisation/contacts.csv',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/organisation/contacts.csv'].post.requestBody.content)).toEqual([
      'text/csv',
    ]);
  });

  it('requires login', async () => {
    expect((await fetch(`${t.url}/api/bureaus?q=x`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/bureaus/44`)).status).toBe(401);
  });
});
