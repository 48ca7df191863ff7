import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { CliUsageError } from '../../../src/cli/cli-command';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { AppConfig } from '../../../src/infrastructure/config/app.config';
import { SmtpMailTransport } from '../../../src/infrastructure/mail/mail-transport';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { MonthlyBulletinJob } from '../../../src/statistics/bulletin/monthly-bulletin.job';
import { MonthlyBulletinScheduler } from '../../../src/statistics/bulletin/monthly-bulletin.scheduler';
import { statisticsCommands } from '../../../src/statistics/statistics.commands';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import { seedContacts, seedMonth } from './seed-month';

const FROM = '舆情哨 <sentinel@yq.example.cn>';

async function workbook(mail: ParsedMail): Promise<ExcelJS.Workbook> {
  const xlsx = mail.attachments.find((a) => a.filename?.endsWith('.xlsx'));
  if (!xlsx) throw new Error(`no xlsx attached to "${mail.subject}"`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
  return wb;
}

/** Row of a sheet whose first cell is `label`, as an array of values (1-based like exceljs, index 0 unused). */
function rowOf(wb: ExcelJS.Workbook, sheet: string, label: string, col = 1): ExcelJS.CellValue[] {
  const ws = wb.getWorksheet(sheet)!;
  for (let r = 2; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(col).value === label) return ws.getRow(r).values as ExcelJS.CellValue[];
  }
  throw new Error(`no row ${label} in ${sheet}`);
}

/**
 * The monthly job end to end: the daily tick acts once on the first working day, bulletins are frozen and unique,
 * mails with the workbook reach a real SMTP server, a correction becomes version 2, explanation tasks run on
 * escalation clocks and are answered by the head.
 */
describe('monthly bulletin job (real PostgreSQL, real SMTP on loopback)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let job: MonthlyBulletinJob;
  let ids: Map<string, string>;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.STATISTICS_HQ_RECIPIENTS = 'analyst@hq.example.cn';
    smtp = await new SmtpTestServer().start();
    t = await createTestApp({
      clock: new FakeClock('2026-11-01T01:00:00Z'), // Sunday 1 November, 09:00 in Shanghai
      mail: new SmtpMailTransport(smtp.url, FROM),
      env: { MAIL_FROM: FROM },
    });
    ids = await seedMonth(t.ds);
    await seedContacts(t.ds);
    job = t.get(MonthlyBulletinJob);
  });
  afterAll(async () => {
    process.env = saved;
    await t?.close();
    await smtp?.stop();
  });

  const bulletins = () =>
    t.ds.query(
      `SELECT scope_code, version, status, note FROM statistics_bulletins WHERE month = '2026-10' ORDER BY scope_code, version`,
    );

  it('sends nothing on a day that is not the first working day, or when the scheduler is disabled', async () => {
    const tick = t.get(MonthlyBulletinScheduler);
    await expect(tick.tick()).resolves.toBeNull(); // Sunday 1 November
    t.clock.set('2026-11-02T01:00:00Z');
    const disabled = new MonthlyBulletinScheduler(job, t.clock, {
      ...t.get(AppConfig),
      SCHEDULER_ENABLED: false,
    } as AppConfig);
    await expect(disabled.tick()).resolves.toBeNull();
    expect(await bulletins()).toEqual([]);
  });

  it('publishes once on the first working day; the tick and the job run again produce no second bulletin', async () => {
    const tick = t.get(MonthlyBulletinScheduler);
    await expect(tick.tick()).resolves.toEqual({ month: '2026-10', sent: true });
    await expect(tick.tick()).resolves.toEqual({ month: '2026-10', sent: false });
    const again = await job.run('2026-10');
    expect(again).toHaveLength(37);
    expect(
      again.every((r) => r.action === 'unchanged' && r.version === 1 && r.mails === 0 && r.tasks === 0),
    ).toBe(true);
    const rows = await bulletins();
    expect(rows).toHaveLength(37); // HQ and the 36 provincial-level bureaus, one each
    expect(
      rows.every((r: { version: number; status: string }) => r.version === 1 && r.status === 'published'),
    ).toBe(true);
    const [mails] = await t.ds.query(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE kind = 'statistics.monthly'`,
    );
    expect(mails.n).toBe(5); // HQ: analyst + HQ office; Guangdong: head + office; Shenzhen: head
  });

  it('opens explanation tasks for the flagged units, on escalation clocks due 10 working days later', async () => {
    const tasks = await t.ds.query(
      `SELECT t.id::text, t.scope_code, t.bureau_code, t.flags, t.head_email, t.due_at, t.reason
         FROM explanation_tasks t ORDER BY t.scope_code, t.bureau_code`,
    );
    expect(
      tasks.map((x: { scope_code: string; bureau_code: string }) => `${x.scope_code}>${x.bureau_code}`),
    ).toEqual(['00>44', '00>4403', '44>4401', '44>4402', '44>4406', '44>4409']);
    const gd = tasks[0];
    expect(gd.flags).toEqual(['bottom', 'rise']);
    expect(gd.head_email).toBe('head@gd.example.cn');
    expect(gd.reason).toBe(
      '综合排名第 35 名（共 36 个单位，后 3 名）；负面舆情环比上升 400.0%（上月 2 起，本月 10 起）',
    );
    // published Monday 2 November 09:00; the Monday itself has begun, so ten working days end on Monday 16 November, 17:30 in Shanghai
    expect(gd.due_at.toISOString()).toBe('2026-11-16T09:30:00.000Z');
    const clocks = await t.ds.query(
      `SELECT subject_id::text, kind, status, due_at, policy_key FROM escalation_clocks
        WHERE subject_kind = 'explanation' AND kind = 'explanation' AND subject_id = ANY($1::bigint[])`,
      [tasks.map((x: { id: string }) => x.id)],
    );
    expect(clocks).toHaveLength(6);
    expect(
      clocks.every(
        (c: { kind: string; status: string; policy_key: string }) =>
          c.kind === 'explanation' && c.status === 'running' && c.policy_key === 'explanation',
      ),
    ).toBe(true);
    expect(clocks[0].due_at.toISOString()).toBe('2026-11-16T09:30:00.000Z');
    const [notices] = await t.ds.query(
      `SELECT count(*)::int AS n FROM outbox_emails WHERE kind = 'statistics.explanation'`,
    );
    expect(notices.n).toBe(4); // heads on file: Guangdong, Shenzhen, Guangzhou, Shaoguan
  });

  it('delivers the bulletin to a real SMTP server with the workbook attached, and the workbook has the figures', async () => {
    await t.get(MailSender).runOnce();
    const hq = (
      await Promise.all(
        smtp.to('analyst@hq.example.cn').map((m) => import('mailparser').then((p) => p.simpleParser(m.raw))),
      )
    )[0];
    expect(hq.subject).toBe('【统计通报】2026年10月国家税务总局负面舆情统计通报');
    expect(hq.text).toContain('负面舆情：12 起');
    const wb = await workbook(hq);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '负面舆情数量',
      '综合排名',
      '及时性',
      '迟报漏报瞒报',
      '分类统计',
      '月度趋势',
      '情况说明',
    ]);
    const ws = wb.getWorksheet('负面舆情数量')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '单位',
      '监测发现',
      '负面舆情',
      '上月',
      '环比',
      '去年同月',
      '同比',
      'Ⅰ级',
      'Ⅱ级',
      'Ⅲ级',
      'Ⅳ级',
      '排除',
      '误报',
      '误报率',
      '热度合计',
      '最高热度',
    ]);
    const total = rowOf(wb, '负面舆情数量', '合计（国家税务总局）');
    expect(total.slice(2, 5)).toEqual([14, 12, 5]); // last month: G8, G10 and Beijing's three
    const gdRow = rowOf(wb, '负面舆情数量', '广东省税务局');
    expect(gdRow.slice(2, 16)).toEqual([12, 10, 2, 4, 5, 1, 0, 1, 2, 7, 2, 1, 1 / 12, 78]);
    expect(ws.getCell(`N${ws.getColumn(1).values.indexOf('广东省税务局')}`).numFmt).toBe('0.0%');
    const ranking = rowOf(wb, '综合排名', '广东省税务局', 2);
    expect(ranking[1]).toBe(35);
    expect(ranking[12]).toBe('排名靠后、环比上升');
    expect(rowOf(wb, '综合排名', '深圳市税务局', 2)[1]).toBe(36);
    const timely = rowOf(wb, '及时性', '广东省税务局');
    expect(timely.slice(2, 11)).toEqual([6, 4, 4 / 6, 2, 2, 1, 2, 0, 0]);
    expect(rowOf(wb, '及时性', '北京市税务局')[4]).toBe('—'); // no clock: "—", not 0%
    expect(rowOf(wb, '迟报漏报瞒报', '广东省税务局').slice(2, 6)).toEqual([1, 1, 1, 3]);
    expect(wb.getWorksheet('情况说明')!.rowCount).toBe(3); // header + Guangdong + Shenzhen
    const gdMail = (await smtp.parsed()).find(
      (m) => m.subject === '【统计通报】2026年10月广东省税务局负面舆情统计通报',
    );
    expect(gdMail).toBeDefined();
    expect(rowOf(await workbook(gdMail!), '综合排名', '广州市税务局', 2)[1]).toBe(19);
  });

  it('keeps a published bulletin frozen and publishes a correction as version 2 with a note', async () => {
    await expect(
      t.ds.query(`UPDATE statistics_bulletins SET snapshot = '{}' WHERE scope_code = '44'`),
    ).rejects.toThrow(/frozen/);
    await expect(t.ds.query(`DELETE FROM statistics_bulletins WHERE scope_code = '44'`)).rejects.toThrow(
      /frozen/,
    );
    // G2 (天河) found to be a false positive after publication
    await t.ds.query(
      `UPDATE incidents SET status = 'dismissed', dismiss_reason = '误报', dismissed_at = now() WHERE id = $1`,
      [ids.get('G2')],
    );
    t.clock.set('2026-11-03T02:00:00Z');
    const r = await job.run('2026-10', { note: '天河区一起事件复核为误报' });
    const by = new Map(r.map((x) => [x.scope, x]));
    expect(by.get('44')).toMatchObject({
      action: 'corrected',
      version: 2,
      published: true,
      mails: 2,
      tasks: 0,
    });
    expect(by.get('00')).toMatchObject({ action: 'corrected', version: 2 });
    expect(by.get('4403')).toMatchObject({ action: 'unchanged', version: 1 });
    const rows = (await bulletins()).filter((x: { scope_code: string }) => x.scope_code === '44');
    expect(rows).toEqual([
      { scope_code: '44', version: 1, status: 'published', note: null },
      { scope_code: '44', version: 2, status: 'published', note: '天河区一起事件复核为误报' },
    ]);
    const [v1] = await t.ds.query(
      `SELECT snapshot FROM statistics_bulletins WHERE scope_code = '44' AND version = 1`,
    );
    expect(v1.snapshot.total.incidents).toBe(10); // unchanged
    const [v2] = await t.ds.query(
      `SELECT snapshot FROM statistics_bulletins WHERE scope_code = '44' AND version = 2`,
    );
    expect(v2.snapshot.total.incidents).toBe(9);
    const [tasks] = await t.ds.query(`SELECT count(*)::int AS n FROM explanation_tasks`);
    expect(tasks.n).toBe(6); // no second task for the same month and unit
    const [mail] = await t.ds.query(
      `SELECT subject FROM outbox_emails WHERE dedupe_key = 'statistics:2026-10:44:v2:to:office@gd.example.cn'`,
    );
    expect(mail.subject).toBe('【更正·第2版】2026年10月广东省税务局负面舆情统计通报');
  });

  it('lets the head answer the task, stopping its clock, and shows the answer with the bulletin', async () => {
    const gz = await t.userWithSession('gz-head', 'head', '4401');
    const sg = await t.userWithSession('sg-head', 'head', '4402');
    const [task] = await t.ds.query(`SELECT id::text FROM explanation_tasks WHERE bureau_code = '4401'`);
    const post = (cookie: string, answer: string) =>
      fetch(`${t.url}/api/statistics/tasks/${task.id}/answer`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ answer }),
      });
    expect((await post(sg, '不是我们的事')).status).toBe(403);
    expect((await post(gz, 'x')).status).toBe(400);
    const res = await post(gz, '十月负面舆情上升主要因系统升级，已整改。');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: 'answered', answeredBy: 'gz-head（gz-head）' });
    expect((await post(gz, '再说一次')).status).toBe(409);
    const [clock] = await t.ds.query(
      `SELECT status, met_at FROM escalation_clocks WHERE subject_kind = 'explanation' AND subject_id = $1`,
      [task.id],
    );
    expect(clock.status).toBe('met');
    const analyst = await t.userWithSession('analyst', 'hq_analyst', '00');
    const report = await json(
      await fetch(`${t.url}/api/statistics/monthly?month=2026-10&scope=44`, { headers: { cookie: analyst } }),
    );
    expect(report.source).toBe('bulletin');
    expect(report.bulletin.version).toBe(2);
    expect(report.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const answered = report.tasks.find((x: { bureauCode: string }) => x.bureauCode === '4401');
    expect(answered).toMatchObject({
      status: 'answered',
      answer: '十月负面舆情上升主要因系统升级，已整改。',
      bulletinVersion: 1,
    });
    const events = await t.ds.query(
      `SELECT action FROM statistics_events WHERE scope_code = '44' ORDER BY id`,
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      ...Array(4).fill('task_created'),
      'published',
      'corrected',
      'published',
      'deadline_met', // written by the escalation service through the 'explanation' subject
      'task_answered',
    ]);
  });

  it('reminds and escalates an unanswered task with the escalation engine once its deadline passed', async () => {
    const [task] = await t.ds.query(`SELECT id::text FROM explanation_tasks WHERE bureau_code = '4402'`);
    t.clock.set('2026-11-16T09:31:00Z'); // one minute past the deadline (17:30 on Monday 16 November)
    await t.get(EscalationEngine).runOnce();
    const [clock] = await t.ds.query(
      `SELECT status, step_index FROM escalation_clocks WHERE subject_kind = 'explanation' AND subject_id = $1`,
      [task.id],
    );
    expect(clock).toEqual({ status: 'missed', step_index: 1 });
    const mails = await t.ds.query(
      `SELECT to_email, subject FROM outbox_emails WHERE dedupe_key LIKE $1 ORDER BY id`,
      [`esc:explanation:${task.id}:%`],
    );
    expect(mails.map((m: { to_email: string }) => m.to_email)).toContain('head@sg.example.cn');
    expect(mails[0].subject).toContain('情况说明');
    const [answered] = await t.ds.query(
      `SELECT c.status FROM escalation_clocks c JOIN explanation_tasks t ON t.id = c.subject_id
        WHERE c.subject_kind = 'explanation' AND t.bureau_code = '4401'`,
    );
    expect(answered.status).toBe('met'); // answered in time: never escalated
    const events = await t.ds.query(`SELECT action FROM statistics_events WHERE task_id = $1 ORDER BY id`, [
      task.id,
    ]);
    expect(events.length).toBeGreaterThan(1); // task_created, then the engine's steps
  });

  it('writes xlsx, csv and print html with the CLI, without sending', async () => {
    const out = mkdtempSync(join(tmpdir(), 'yuqing-report-'));
    const before = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails`);
    let stdout = '';
    const sink = new Writable({ write: (c, _e, cb) => ((stdout += String(c)), cb()) });
    try {
      const cmd = statisticsCommands.find((c) => c.name === 'report:monthly')!;
      await cmd.run({
        args: [],
        flags: { month: '2026-10', scope: '44', out },
        app: async () => t.app,
        stdout: sink,
        stdin: process.stdin,
      });
      expect(readdirSync(out).sort()).toEqual([
        'statistics-2026-10-44.csv',
        'statistics-2026-10-44.html',
        'statistics-2026-10-44.xlsx',
      ]);
      expect(stdout.trim().split('\n')).toHaveLength(3);
      const csv = readFileSync(join(out, 'statistics-2026-10-44.csv'));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.toString('utf8').slice(1).split('\r\n');
      expect(lines[0].startsWith('单位代码,单位,监测发现,负面舆情,上月,环比')).toBe(true);
      expect(lines.find((l) => l.startsWith('4401,广州市税务局,'))).toMatch(
        /^4401,广州市税务局,6,3,2,\+50\.0%/,
      ); // version 2: G2 dismissed
      expect(readFileSync(join(out, 'statistics-2026-10-44.html'), 'utf8')).toContain('@media print');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(out, 'statistics-2026-10-44.xlsx'));
      expect(rowOf(wb, '负面舆情数量', '合计（广东省税务局）')[3]).toBe(9);
      const after = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails`);
      expect(after[0].n).toBe(before[0].n);
      await expect(
        cmd.run({
          args: [],
          flags: { month: '2026-13' },
          app: async () => t.app,
          stdout: sink,
          stdin: process.stdin,
        }),
      ).rejects.toThrow('--month');
      const refused = (month: string) =>
        cmd.run({ args: [], flags: { month }, app: async () => t.app, stdout: sink, stdin: process.stdin });
      await expect(refused('1999-01')).rejects.toThrow(
        '--month：月份 1999-01 超出支持范围（2000-01 至 2100-12）',
      );
      await expect(refused('2027-05')).rejects.toThrow(/^2027年5月尚未开始/); // a usage error, not a crash
      await expect(refused('2027-05')).rejects.toBeInstanceOf(CliUsageError);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
