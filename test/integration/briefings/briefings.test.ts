import type { ParsedMail } from 'mailparser';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { BriefingScheduler } from '../../../src/briefings/briefing.scheduler';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { createTestApp, TestApp } from '../../support/app';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import { docxText } from './docx-text';
import { seedBriefings, seedSubscribers, TITLES } from './seed-briefings';

const FROM = '舆情哨 <sentinel@yq.example.cn>';

/**
 * The daily briefing end to end, with a fake clock, a real PostgreSQL and a real SMTP server: sent at 08:30 on a
 * working day and not on a holiday, once with two instances on one database, caught up after a restart that missed
 * the hour; frozen once sent.
 */
describe('舆情日报 scheduling and delivery (real PostgreSQL, real SMTP on loopback)', () => {
  let a: TestApp;
  let smtp: SmtpTestServer;

  const app = (at: string, db?: string) =>
    createTestApp({
      clock: new FakeClock(at),
      mail: new SmtpMailTransport(smtp.url, FROM),
      env: { MAIL_FROM: FROM, ...(db ? { DATABASE_URL: db } : {}) },
    });
  const daily = (period?: string) =>
    a.ds.query(
      `SELECT scope_code, period, recipients FROM briefings WHERE kind = 'daily' ${period ? 'AND period = $1' : ''}
        ORDER BY scope_code`,
      period ? [period] : [],
    );
  const dailyMails = async (period: string) =>
    (
      await a.ds.query(
        `SELECT to_email FROM outbox_emails WHERE kind = 'briefing.daily' AND dedupe_key LIKE $1 ORDER BY to_email`,
        [`briefing:daily:${period}:%`],
      )
    ).map((r: { to_email: string }) => r.to_email);

  beforeAll(async () => {
    smtp = await new SmtpTestServer().start();
    a = await app('2026-10-01T00:30:00Z'); // 国庆节, 08:30 in Shanghai
    await seedBriefings(a.ds);
    await seedSubscribers(a.ds);
  });
  afterAll(async () => {
    await a?.close();
    await smtp?.stop();
  });

  it('sends no daily briefing on a holiday, nor before 08:30 on a working day', async () => {
    const tick = a.get(BriefingScheduler);
    await tick.tick();
    a.clock.set('2026-12-03T00:29:59Z'); // Thursday 08:29:59
    await tick.tick();
    expect(await daily()).toEqual([]);
  });

  it('sends the daily briefing at 08:30 on a working day, once, to every subscriber', async () => {
    a.clock.set('2026-12-03T00:30:00Z');
    const tick = a.get(BriefingScheduler);
    const first = await tick.tick();
    const run = first.find((r) => r.period.kind === 'daily')!;
    expect(run.period.key).toBe('2026-12-03');
    const rows = await daily();
    expect(rows).toHaveLength(38); // HQ, 36 provincial-level bureaus, and Guangzhou (subscribed)
    expect(rows.find((r: { scope_code: string }) => r.scope_code === '00')).toEqual({
      scope_code: '00',
      period: '2026-12-03',
      recipients: 2,
    });
    expect(await tick.tick()).toEqual([]); // every due briefing is there: nothing to do
    expect(await dailyMails('2026-12-03')).toEqual([
      'duty@gd.example.cn',
      'gz@gz.example.cn',
      'leader@hq.example.cn',
      'office@hq.example.cn',
    ]);
  });

  it('delivers the mail through SMTP with the figures, the incident links and the .docx attached', async () => {
    await a.get(MailSender).runOnce();
    const parsed: ParsedMail[] = await smtp.parsed();
    const hq = parsed.find((m) => m.subject === '【舆情日报】国家税务总局 2026年12月3日（周四）');
    expect(hq).toBeDefined();
    expect(hq!.text).toContain('共监测发现负面舆情 4 起，其中Ⅰ级 0 起、Ⅱ级 1 起、Ⅲ级 1 起、Ⅳ级 2 起');
    expect(hq!.text).toContain('较上期增加 3 起（上期 1 起）；经核查排除 1 起');
    expect(hq!.text).toContain('逾期未办结的时限事项 1 项');
    expect(hq!.html).toContain('name="viewport"');
    expect(hq!.html).toContain(TITLES.A);
    expect(hq!.html).not.toContain(TITLES.F); // the next period's
    const docx = hq!.attachments.find((x) => x.filename === 'briefing-daily-2026-12-03-00.docx');
    const text = await docxText(docx!.content as Buffer);
    expect(text).toContain('国家税务总局舆情日报');
    expect(text).toContain('总体情况');
    expect(text).toContain('共监测发现负面舆情 4 起');
    const gd = parsed.find((m) => m.subject === '【舆情日报】国家税务总局广东省税务局 2026年12月3日（周四）');
    expect(gd?.text).toContain('共监测发现负面舆情 2 起');
    expect(gd?.text).not.toContain(TITLES.C); // Shenzhen reports to HQ directly
  });

  it('keeps a sent briefing frozen', async () => {
    await expect(a.ds.query(`UPDATE briefings SET snapshot = '{}' WHERE scope_code = '00'`)).rejects.toThrow(
      /frozen/,
    );
    await expect(a.ds.query(`DELETE FROM briefings`)).rejects.toThrow(/frozen/);
  });

  it('sends once when two instances on one database tick at the same moment', async () => {
    const b = await app('2026-12-04T00:30:00Z', a.db.url);
    try {
      a.clock.set('2026-12-04T00:30:00Z'); // Friday 08:30
      const [ra, rb] = await Promise.all([a.get(BriefingScheduler).tick(), b.get(BriefingScheduler).tick()]);
      const sent = [...ra, ...rb]
        .filter((r) => r.period.kind === 'daily')
        .flatMap((r) => r.results)
        .filter((r) => r.action === 'sent');
      expect(sent).toHaveLength(38);
      expect(await daily('2026-12-04')).toHaveLength(38);
      expect(await dailyMails('2026-12-04')).toHaveLength(4);
      a.clock.set('2026-12-04T00:32:00Z'); // past each recipient's one-mail-a-minute window
      await a.get(MailSender).runOnce();
    } finally {
      await b.close();
    }
  });

  it('catches up after a restart that missed the hour', async () => {
    // the service was down on Monday 7 December at 08:30; a new instance starts at 11:00
    const c = await app('2026-12-07T03:00:00Z', a.db.url);
    try {
      const done = await c.get(BriefingScheduler).tick();
      expect(done.map((r) => `${r.period.kind}:${r.period.key}`)).toEqual([
        'daily:2026-12-07',
        'weekly:2026-W49',
      ]);
      expect(await daily('2026-12-07')).toHaveLength(38);
      expect(await dailyMails('2026-12-07')).toHaveLength(4);
      await c.get(MailSender).runOnce();
      // the leader gets the daily and the weekly at once: the outbox's per-recipient window makes one digest of them
      const leader = (await smtp.parsed()).filter((m) =>
        (m.to as { text: string }).text.includes('leader@hq.example.cn'),
      );
      const last = leader[leader.length - 1];
      expect(last.subject).toContain('2 条通知汇总');
      expect(last.text).toContain('【舆情日报】国家税务总局 2026年12月7日（周一）');
      expect(last.text).toContain('【舆情周报】国家税务总局 2026年第49周（11月30日—12月6日）');
      const gz = (await smtp.parsed()).filter((m) =>
        (m.to as { text: string }).text.includes('gz@gz.example.cn'),
      );
      expect(gz.map((m) => m.subject)).toEqual([
        '【舆情日报】国家税务总局广州市税务局 2026年12月3日（周四）',
        '【舆情日报】国家税务总局广州市税务局 2026年12月4日（周五）',
        '【舆情日报】国家税务总局广州市税务局 2026年12月7日（周一）',
      ]);
    } finally {
      await c.close();
    }
  });
});
