import ExcelJS from 'exceljs';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { seedContacts, seedMonth } from './seed-month';

/** The statistics API and pages over real HTTP: scoping, validation, formats, drafts and the task form. */
describe('statistics API and pages (real HTTP)', () => {
  let t: TestApp;
  let analyst: string;
  let gdMonitor: string;
  let gzHead: string;
  const get = (path: string, cookie: string, accept = 'application/json') =>
    fetch(`${t.url}${path}`, { headers: { cookie, accept }, redirect: 'manual' });

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-11-02T01:00:00Z') });
    await seedMonth(t.ds);
    await seedContacts(t.ds);
    [analyst, gdMonitor, gzHead] = await Promise.all([
      t.userWithSession('analyst', 'hq_analyst', '00'),
      t.userWithSession('gd-monitor', 'monitor', '44'),
      t.userWithSession('gz-head', 'head', '4401'),
    ]);
  });
  afterAll(() => t?.close());

  it('serves live figures before any bulletin, defaulting to last month and the user’s own bureau', async () => {
    const res = await get('/api/statistics/monthly', gdMonitor);
    expect(res.status).toBe(200);
    const r = await json(res);
    expect(r).toMatchObject({ source: 'live', bulletin: null, versions: [], tasks: [] });
    expect(r.snapshot.month).toBe('2026-10');
    expect(r.snapshot.scope.code).toBe('44');
    expect(r.snapshot.total.incidents).toBe(10);
    expect(r.snapshot.ranking.units).toHaveLength(20);
  });

  it('limits each user to its own subtree and rejects bad input with 4xx', async () => {
    expect((await get('/api/statistics/monthly?month=2026-10&scope=00', gdMonitor)).status).toBe(403);
    expect((await get('/api/statistics/monthly?month=2026-10&scope=4403', gdMonitor)).status).toBe(403); // Shenzhen
    expect((await get('/api/statistics/monthly.xlsx?month=2026-10&scope=00', gdMonitor)).status).toBe(403);
    expect((await get('/api/statistics/monthly?month=2026-10&scope=4401', gdMonitor)).status).toBe(200);
    expect((await get('/api/statistics/monthly?month=2026-10&scope=4402', gzHead)).status).toBe(403);
    expect((await get('/api/statistics/monthly?month=2026-10&scope=9999', analyst)).status).toBe(404);
    const bad = await get('/api/statistics/monthly?month=2026-13&scope=44', analyst);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('2026-10');
    expect((await get('/api/statistics/monthly?month=2026-10&scope=44&x=1', analyst)).status).toBe(400);
    expect((await fetch(`${t.url}/api/statistics/monthly?month=2026-10`)).status).toBe(401);
  });

  it('exports the same figures as XLSX and CSV (UTF-8 with BOM)', async () => {
    const x = await get('/api/statistics/monthly.xlsx?month=2026-10&scope=44', analyst);
    expect(x.status).toBe(200);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    expect(x.headers.get('content-disposition')).toContain("filename*=UTF-8''2026%E5%B9%B410%E6%9C%88");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.getWorksheet('负面舆情数量')!.getRow(2).values).toEqual(
      expect.arrayContaining(['合计（广东省税务局）', 12, 10]),
    );
    const c = await get('/api/statistics/monthly.csv?month=2026-10&scope=44', analyst);
    expect(c.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await c.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(
      '\r\n44,合计（广东省税务局）,12,10,2,+400.0%,5,+100.0%,0,1,2,7,2,1,8.3%,78.0,30.0,',
    );
    expect(text).toContain('\r\n4419,东莞市税务局,0,0,0,—,0,—,');
  });

  it('renders the console page with server-side SVG charts, the ranking and the print view', async () => {
    const page = await get('/console/statistics?month=2026-10&scope=44', analyst, 'text/html');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('2026年10月 国家税务总局广东省税务局负面舆情统计通报');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('id="ranking"');
    expect(html).toMatch(/data-code="4402"[^]*?<td class="num rank">20<\/td>/);
    expect(html).toContain('实时计算');
    const print = await get('/console/statistics/print?month=2026-10&scope=44', analyst, 'text/html');
    const p = await print.text();
    expect(p).toContain('@media print');
    expect(p).toContain('break-before:page');
    expect(p).toContain('<svg ');
    expect(p).not.toContain('class="topbar"');
    const denied = await get('/console/statistics?month=2026-10&scope=00', gdMonitor, 'text/html');
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('无权访问');
  });

  it('keeps a draft internal, refuses publishing to other roles and to non-bulletin scopes', async () => {
    const post = (cookie: string, body: object) =>
      fetch(`${t.url}/api/statistics/bulletins`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(gdMonitor, { month: '2026-10', scope: '44' })).status).toBe(403);
    expect((await post(analyst, { month: '2026-10', scope: '4401' })).status).toBe(400);
    expect((await post(analyst, { month: '2026-10', scope: '44', publish: 'yes' })).status).toBe(400);
    const draft = await post(analyst, { month: '2026-10', scope: '44', publish: false });
    expect(draft.status).toBe(200);
    expect(await json(draft)).toEqual([
      { scope: '44', version: 1, action: 'created', published: false, mails: 0, tasks: 0 },
    ]);
    expect((await json(await get('/api/statistics/monthly?month=2026-10&scope=44', analyst))).source).toBe(
      'live',
    );
    const published = await post(analyst, { month: '2026-10', scope: '44' });
    expect(await json(published)).toEqual([
      { scope: '44', version: 1, action: 'regenerated', published: true, mails: 2, tasks: 4 },
    ]);
    const r = await json(await get('/api/statistics/monthly?month=2026-10&scope=44', gdMonitor));
    expect(r.source).toBe('bulletin');
    expect(r.tasks.map((x: { bureauCode: string }) => x.bureauCode)).toEqual([
      '4401',
      '4402',
      '4406',
      '4409',
    ]);
  });

  it('lets the head answer through the console form', async () => {
    const [task] = await t.ds.query(`SELECT id::text FROM explanation_tasks WHERE bureau_code = '4401'`);
    const page = await get(`/console/statistics/tasks/${task.id}`, gzHead, 'text/html');
    expect(await page.text()).toContain('<textarea name="answer"');
    const empty = await fetch(`${t.url}/console/statistics/tasks/${task.id}`, {
      method: 'POST',
      headers: { cookie: gzHead, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'answer=',
      redirect: 'manual',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('情况说明应为');
    const ok = await fetch(`${t.url}/console/statistics/tasks/${task.id}`, {
      method: 'POST',
      headers: { cookie: gzHead, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ answer: '已整改<script>x</script>' }).toString(),
      redirect: 'manual',
    });
    expect(ok.status).toBe(303);
    const after = await (await get(`/console/statistics/tasks/${task.id}`, gzHead, 'text/html')).text();
    expect(after).toContain('已整改&lt;script&gt;x&lt;/script&gt;');
    expect(after).not.toContain('<textarea');
    const monitorView = await (
      await get(`/console/statistics?month=2026-10&scope=44`, gdMonitor, 'text/html')
    ).text();
    expect(monitorView).toContain('已整改&lt;script&gt;');
  });
});
