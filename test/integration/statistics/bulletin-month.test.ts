import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { DomainError } from '../../../src/infrastructure/http/domain-error';
import { MonthlyBulletinJob } from '../../../src/statistics/bulletin/monthly-bulletin.job';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { seedContacts, seedMonth } from './seed-month';

/**
 * Which months a bulletin may be published for (a future month and the current, unfinished one were published as
 * version 1, mailed and given explanation tasks), and the statistics API's messages, in Chinese. Real HTTP and
 * PostgreSQL; the fake clock stands on Monday 2 November 2026, 09:00 in Shanghai, unless a test moves it.
 */
describe('bulletins only for ended months; statistics messages (real HTTP)', () => {
  const START = '2026-11-02T01:00:00Z';
  let t: TestApp;
  let analyst: string;
  let sessions = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock(START) });
    await seedMonth(t.ds); // October 2026, and G7 detected 2026-10-31T16:30Z: November
    await seedContacts(t.ds);
  });
  beforeEach(async () => {
    t.clock.set(START);
    analyst = await t.userWithSession(`analyst-${++sessions}`, 'hq_analyst', '00');
  });
  afterAll(() => t?.close());

  /** Moves the clock and logs in again (a session does not last four weeks). */
  const at = async (iso: string) => {
    t.clock.set(iso);
    analyst = await t.userWithSession(`analyst-${++sessions}`, 'hq_analyst', '00');
  };

  const get = (path: string, accept = 'application/json') =>
    fetch(`${t.url}${path}`, { headers: { cookie: analyst, accept }, redirect: 'manual' });
  const post = (body: object) =>
    fetch(`${t.url}/api/statistics/bulletins`, {
      method: 'POST',
      headers: { cookie: analyst, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** What a publication leaves behind for `month`: bulletin rows, mails, explanation tasks. */
  const leftBehind = async (month: string) => {
    const [row] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM statistics_bulletins WHERE month = $1) AS bulletins,
              (SELECT count(*)::int FROM statistics_bulletins WHERE month = $1 AND status = 'published') AS published,
              (SELECT count(*)::int FROM outbox_emails) AS mails,
              (SELECT count(*)::int FROM explanation_tasks WHERE month = $1) AS tasks`,
      [month],
    );
    return row;
  };

  it('refuses a future month with 400 wherever it is asked for: publish, draft, figures, downloads, pages', async () => {
    for (const body of [
      { month: '2027-05', publish: true },
      { month: '2027-05', scope: '44', publish: false },
      { month: '2026-12' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const err = await json(res);
      expect(err.code).toBe('STATISTICS_MONTH_NOT_STARTED');
      expect(err.message).toContain('尚未开始');
    }
    for (const path of ['monthly', 'monthly.xlsx', 'monthly.csv']) {
      const res = await get(`/api/statistics/${path}?month=2027-05&scope=44`);
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({
        code: 'STATISTICS_MONTH_NOT_STARTED',
        message: '2027年5月尚未开始（现在是2026年11月），没有可统计的数据',
      });
    }
    const page = await get('/console/statistics?month=2027-05&scope=44', 'text/html');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('2027年5月尚未开始');
    expect(await leftBehind('2027-05')).toEqual({ bulletins: 0, published: 0, mails: 0, tasks: 0 });
  });

  it('refuses to publish the current month until it has ended in Shanghai, through the API and the job', async () => {
    for (const body of [{ month: '2026-11' }, { month: '2026-11', scope: '44', publish: true }]) {
      const res = await post(body);
      expect(res.status).toBe(409);
      expect(await json(res)).toMatchObject({
        code: 'STATISTICS_MONTH_NOT_ENDED',
        message: expect.stringContaining(
          '2026年11月尚未结束，月底（北京时间 2026-12-01 00:00）之后才能发布通报',
        ),
      });
    }
    // 23:59:59 on 30 November in Shanghai: still November. The scheduler's job refuses by the same rule.
    await at('2026-11-30T15:59:59Z');
    const job = t.get(MonthlyBulletinJob);
    await expect(job.run('2026-11')).rejects.toMatchObject({ code: 'STATISTICS_MONTH_NOT_ENDED' });
    await expect(job.run('2026-11', { scopes: ['44'] })).rejects.toBeInstanceOf(DomainError);
    expect((await post({ month: '2026-11', scope: '44' })).status).toBe(409);
    expect(await leftBehind('2026-11')).toEqual({ bulletins: 0, published: 0, mails: 0, tasks: 0 });
  });

  it('still shows the current month so far: live figures, downloads, the page and a draft that sends nothing', async () => {
    const live = await get('/api/statistics/monthly?month=2026-11&scope=44');
    expect(live.status).toBe(200);
    const r = await json(live);
    expect(r).toMatchObject({ source: 'live', bulletin: null });
    expect(r.snapshot.month).toBe('2026-11');
    expect((await get('/api/statistics/monthly.xlsx?month=2026-11&scope=44')).status).toBe(200);
    const page = await (await get('/console/statistics?month=2026-11&scope=44', 'text/html')).text();
    expect(page).toContain('本月尚未结束');
    const print = await (await get('/console/statistics/print?month=2026-11&scope=44', 'text/html')).text();
    expect(print).toContain('本月尚未结束');
    const draft = await post({ month: '2026-11', scope: '44', publish: false });
    expect(draft.status).toBe(200);
    expect(await json(draft)).toEqual([
      { scope: '44', version: 1, action: 'created', published: false, mails: 0, tasks: 0 },
    ]);
    expect(await leftBehind('2026-11')).toEqual({ bulletins: 1, published: 0, mails: 0, tasks: 0 });
    // a past month's page does not carry the warning
    const october = await (await get('/console/statistics?month=2026-10&scope=44', 'text/html')).text();
    expect(october).not.toContain('本月尚未结束');
  });

  it('publishes the month from 00:00 on the 1st of the next month in Shanghai', async () => {
    await at('2026-11-30T16:00:00Z');
    const res = await post({ month: '2026-11', scope: '44' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual([
      expect.objectContaining({ scope: '44', version: 1, action: 'regenerated', published: true, mails: 2 }),
    ]);
    expect(await leftBehind('2026-11')).toMatchObject({ bulletins: 1, published: 1 });
  });

  it('says what is wrong with a month, a scope or a body in Chinese, keeping the error codes', async () => {
    const early = await get('/api/statistics/monthly?month=1999-01&scope=44');
    expect(early.status).toBe(400);
    expect(await json(early)).toMatchObject({
      code: 'STATISTICS_BAD_MONTH',
      message: '月份 1999-01 超出支持范围（2000-01 至 2100-12）',
    });
    const page = await get('/console/statistics?month=2026-1&scope=44', 'text/html');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('月份“2026-1”格式不对，应为 YYYY-MM，如 2026-10');
    const unknown = await get('/api/statistics/monthly?month=2026-10&scope=99');
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ code: 'BUREAU_NOT_FOUND', message: '单位 99 不存在' });
    const dtoErrors = [
      await get('/api/statistics/monthly?month=2026-13&scope=44'),
      await get('/api/statistics/monthly?month=2026-10&scope=4x'),
      await get('/api/statistics/tasks/abc'),
      await post({ month: '2026-1' }),
      await post({ month: '2026-10', scope: '44', publish: 'yes', note: 5 }),
    ];
    for (const res of dtoErrors) {
      expect(res.status).toBe(400);
      const { message } = await json(res); // the query guard answers with one string, the DTOs with a list
      const messages: string[] = Array.isArray(message) ? message : [message];
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m).not.toMatch(/[a-z]{3,} (must|should)/i);
      for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(JSON.stringify(await json(await get('/api/statistics/monthly?month=2026-13')))).toContain(
      '2026-10',
    );
  });
});
