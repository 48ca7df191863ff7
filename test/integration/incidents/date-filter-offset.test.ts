import { buildListSql } from '../../../src/incidents/query/incident-list.query';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';

/**
 * A date filter's UTC offset must exist (at most ±14:00, minutes below 60): PostgreSQL fails the whole query on an
 * offset past ±15:59 ("time zone displacement out of range"), which was a 500. Now a 400 naming the filter.
 */
describe('date filters with an impossible UTC offset', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithSession('offset-admin', 'admin', '00');
  });
  afterAll(() => t.close());

  const get = (path: string, accept?: string) =>
    fetch(`${t.url}${path}`, { headers: { cookie: admin, ...(accept ? { accept } : {}) } });
  const bad = ['%2B99:99', '-23:59', '%2B14:30', '-15:00', '%2B0860', '%2B16'];

  it('the incident API answers 400 with a Chinese message naming from or to', async () => {
    for (const path of ['/api/incidents', '/api/incidents/counts']) {
      for (const field of ['from', 'to']) {
        for (const offset of bad) {
          const res = await get(`${path}?${field}=2026-11-01T10:00:00${offset}`);
          expect({ path, field, offset, status: res.status }).toEqual({ path, field, offset, status: 400 });
          const body = await json(res);
          expect(String(body.message)).toMatch(new RegExp(`^${field}: `));
          expect(String(body.message)).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });

  it('offsets that exist still filter: +14:00, -12:00, +05:45, Z and a bare date', async () => {
    for (const v of [
      '2026-11-01T10:00:00%2B14:00',
      '2026-11-01T10:00:00-12:00',
      '2026-11-01T10:00%2B05:45',
    ]) {
      expect((await get(`/api/incidents?from=${v}&to=2026-11-30T00:00:00Z`)).status).toBe(200);
    }
    expect((await get('/api/incidents/counts?from=2026-11-01')).status).toBe(200);
  });

  it('console queue and export answer a Chinese HTML page in the console layout, not a 500 or JSON', async () => {
    for (const path of [
      '/console/incidents?from=2026-11-01T10:00:00%2B99:99',
      '/console/incidents?to=2026-11-01T10:00:00-23:59',
      '/console/incidents/export?from=2026-11-01T10:00:00-23:59',
      '/console/incidents/export?format=csv&to=2026-11-01T10:00:00%2B99:99',
    ]) {
      for (const accept of [undefined, 'text/html']) {
        const res = await get(path, accept);
        expect({ path, accept, status: res.status }).toEqual({ path, accept, status: 400 });
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const page = await res.text();
        expect(page).toContain('class="topbar"'); // the console's layout, with navigation
        expect(page).toMatch(/(from|to)[:：]/);
      }
    }
  });

  it('the one date decorator (IsRealDateTime) refuses such offsets in a body too', async () => {
    const res = await fetch(`${t.url}/api/escalation/simulate`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ grade: 'II', bureau: '440106', at: '2026-11-02T09:00:00-23:59' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await json(res))).toContain('at 应为真实存在的 ISO 8601 日期时间');
  });

  it('asInstant refuses them even for a query built without the DTO', () => {
    const build = (from: string) => () =>
      buildListSql({ from } as never, { pathPrefix: null }, { tsquery: null, bureauPath: null });
    expect(build('2026-11-01T10:00:00+99:99')).toThrow(/from .*±14:00/);
    expect(build('2026-11-01T10:00:00-23:59')).toThrow(/from /);
    expect(build('2026-11-01T10:00:00+14:00')).not.toThrow();
  });
});
