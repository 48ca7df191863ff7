import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { BriefingJob } from '../../../src/briefings/briefing.job';
import { dailyPeriod } from '../../../src/briefings/briefing-period';
import { briefingCommands } from '../../../src/briefings/briefings.commands';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { docxText } from './docx-text';
import { seedBriefings, seedSubscribers, TITLES } from './seed-briefings';

/** The archive over HTTP and in the console, the Word and print exports, subscriptions, and the CLI. */
describe('briefing archive, exports and CLI (real PostgreSQL)', () => {
  let t: TestApp;
  let hq: string;
  let gd: string;
  let head: string;
  let ids: Map<string, string>;
  const id = async (scope: string) =>
    (await t.ds.query(`SELECT id::text FROM briefings WHERE kind = 'daily' AND scope_code = $1`, [scope]))[0]
      .id;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-12-03T00:30:00Z') });
    ids = await seedBriefings(t.ds);
    await seedSubscribers(t.ds);
    await t.get(BriefingJob).run(dailyPeriod('2026-12-03'));
    hq = await t.userWithSession('hq-analyst', 'hq_analyst', '00');
    gd = await t.userWithSession('gd-monitor', 'monitor', '44');
    head = await t.userWithSession('gd-head', 'head', '44');
  });
  afterAll(() => t?.close());

  it('serves the .docx of a briefing, with the headings and the figures in word/document.xml', async () => {
    const res = await fetch(`${t.url}/api/briefings/${await id('00')}/docx`, { headers: { cookie: hq } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = await docxText(Buffer.from(await res.arrayBuffer()));
    for (const heading of [
      '国家税务总局舆情日报',
      '总体情况',
      '与上期相比',
      '新增较大以上负面舆情（Ⅰ—Ⅲ级）',
      '逾期未办事项',
      '热点舆情',
      '近14日走势',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('共监测发现负面舆情 4 起，其中Ⅰ级 0 起、Ⅱ级 1 起、Ⅲ级 1 起、Ⅳ级 2 起');
    expect(text).toContain(`#${ids.get('A')} ${TITLES.A}`);
    expect(text).toContain('首报（向上级报告）'); // the overdue clock's step
  });

  it('shows each role only the briefings of its subtree', async () => {
    const gdList = await json(await fetch(`${t.url}/api/briefings?kind=daily`, { headers: { cookie: gd } }));
    expect(gdList.map((b: { scopeCode: string }) => b.scopeCode).sort()).toEqual(['44', '4401']);
    expect(
      (await fetch(`${t.url}/api/briefings/${await id('00')}`, { headers: { cookie: gd } })).status,
    ).toBe(403);
    const one = await json(
      await fetch(`${t.url}/api/briefings/${await id('44')}`, { headers: { cookie: gd } }),
    );
    expect(one.snapshot.current).toMatchObject({ incidents: 2, byGrade: { I: 0, II: 1, III: 1, IV: 0 } });
    expect(one.snapshot.previous.incidents).toBe(1);
    expect((await fetch(`${t.url}/api/briefings/99999`, { headers: { cookie: hq } })).status).toBe(404);
  });

  it('renders the archive, the briefing page with its chart, and the print page', async () => {
    const archive = await (await fetch(`${t.url}/console/briefings`, { headers: { cookie: gd } })).text();
    expect(archive).toContain('广东省税务局舆情日报');
    expect(archive).not.toContain('国家税务总局舆情日报');
    const page = await (
      await fetch(`${t.url}/console/briefings/${await id('44')}`, { headers: { cookie: gd } })
    ).text();
    expect(page).toContain('<svg');
    expect(page).toContain(`href="/console/incidents/${ids.get('A')}"`);
    expect(page).not.toMatch(/<script>(?!<\/script>)/); // no inline scripts
    const print = await (
      await fetch(`${t.url}/console/briefings/${await id('44')}/print`, { headers: { cookie: gd } })
    ).text();
    expect(print).toContain('@media print');
    expect(print).toContain('国家税务总局广东省税务局舆情日报');
  });

  it('manages subscriptions: idempotent, one target, not by heads', async () => {
    const post = (cookie: string, body: unknown) =>
      fetch(`${t.url}/api/briefings/subscriptions`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post(gd, { scope: '4406', kind: 'weekly', role: 'head' });
    expect(created.status).toBe(201);
    expect((await post(gd, { scope: '4406', kind: 'weekly', role: 'head' })).status).toBe(200);
    expect((await post(gd, { scope: '4406', kind: 'weekly', role: 'head', email: 'x@y.cn' })).status).toBe(
      400,
    );
    expect((await post(gd, { scope: '4406', kind: 'monthly', email: 'x@y.cn' })).status).toBe(400);
    expect((await post(gd, { scope: '32', kind: 'daily', email: 'x@y.cn' })).status).toBe(403);
    expect((await post(head, { scope: '44', kind: 'daily', email: 'x@y.cn' })).status).toBe(403);
    const sub = await json(created);
    const del = await fetch(`${t.url}/api/briefings/subscriptions/${sub.id}`, {
      method: 'DELETE',
      headers: { cookie: gd },
    });
    expect(del.status).toBe(204);
  });

  it('writes the daily and weekly files with the CLI, without sending', async () => {
    const out = mkdtempSync(join(tmpdir(), 'yuqing-briefing-'));
    const [before] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails`);
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    const run = (name: string, flags: Record<string, string>) =>
      briefingCommands
        .find((c) => c.name === name)!
        .run({
          args: [],
          flags: { ...flags, out },
          app: async () => t.app,
          stdout: sink,
          stdin: process.stdin,
        });
    try {
      await run('briefing:daily', { date: '2026-12-03', scope: '44' });
      await run('briefing:weekly', { week: '2026-W49', scope: '44' });
      expect(readdirSync(out).sort()).toEqual([
        'briefing-daily-2026-12-03-44.docx',
        'briefing-daily-2026-12-03-44.html',
        'briefing-weekly-2026-W49-44.docx',
        'briefing-weekly-2026-W49-44.html',
      ]);
      const weekly = await docxText(readFileSync(join(out, 'briefing-weekly-2026-W49-44.docx')));
      expect(weekly).toContain('国家税务总局广东省税务局舆情周报');
      expect(weekly).toContain('2026年第49周（11月30日—12月6日）');
      // Monday 30 Nov → Sunday 6 Dec in Guangdong: A, B, F (E is on 1 December too) — F is Ⅰ级
      expect(weekly).toContain('共监测发现负面舆情 4 起，其中Ⅰ级 1 起、Ⅱ级 1 起、Ⅲ级 1 起、Ⅳ级 1 起');
      expect(readFileSync(join(out, 'briefing-daily-2026-12-03-44.html'), 'utf8')).toContain('@page');
      const [after] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails`);
      expect(after.n).toBe(before.n);
      expect(await t.ds.query(`SELECT 1 FROM briefings WHERE kind = 'weekly'`)).toEqual([]);
      await expect(run('briefing:daily', { date: '2026-12-32' })).rejects.toThrow('--date');
      await expect(run('briefing:weekly', { week: '2026-W54' })).rejects.toThrow('--week');
      await expect(run('briefing:daily', { date: '2026-12-03', scope: '99' })).rejects.toThrow('99');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
