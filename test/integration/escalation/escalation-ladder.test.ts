import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { TestApp } from '../../support/app';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  classify,
  confirmedIncident,
  COUNTY,
  MinuteDriver,
  NOBODY_ACTS,
  useEscalationApp,
} from './escalation-harness';

describe('escalation ladder, real SMTP, fake clock', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let engine: EscalationEngine;
  let sender: MailSender;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, smtp, engine, sender, incidents } = s), { freshDay: true });

  it('a grade Ⅱ county incident nobody acts on: exactly these mails, to these people, at these minutes, up to the province and HQ', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 100, [{ engine, sender }]);
    expect(driver.table()).toEqual(NOBODY_ACTS);

    // the HQ digest carries both notices in full, each with its deadline
    const digest = driver.arrivals.find((a) => a.minute === 75 && a.to === addr('head', '00'))!;
    expect(digest.parsed.text).toContain('「签收」已超时');
    expect(digest.parsed.text).toContain('「首报（向上级报告）」已超时');

    // 漏报: never reported by due (30 min) + grace (60 min)
    const findings = await t.ds.query(
      `SELECT kind, bureau_code, evidence FROM reporting_findings WHERE incident_id = $1`,
      [id],
    );
    expect(findings).toEqual([
      {
        kind: 'missed',
        bureau_code: COUNTY,
        evidence: expect.objectContaining({ clockKind: 'first_report', grade: 'II' }),
      },
    ]);

    // the timeline records every step with its recipients
    const steps = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'escalation_step' ORDER BY id`,
      [id],
    );
    expect(
      steps.map((s: { after: { kind: string; stepNo: number } }) => `${s.after.kind}#${s.after.stepNo}`),
    ).toEqual([
      'acknowledge#0',
      'acknowledge#1',
      'first_report#0',
      'acknowledge#2',
      'first_report#1',
      'acknowledge#3',
      'first_report#2',
      'written_report#0',
      'acknowledge#3',
      'first_report#3',
      'written_report#1',
    ]);
  });

  it('the first notice has everything: grade, bureau, category, headline, articles, spread, deadlines, what happens next, links', async () => {
    const t0 = t.clock.now();
    await confirmedIncident(t.ds, incidents, t.clock, { title: '天河区办税服务厅排队三小时无人管' });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    const mail = driver.arrivals.find((a) => a.to === addr('head', COUNTY))!.parsed;
    expect(mail.subject).toBe('【舆情哨】请签收：Ⅱ级 重大舆情｜天河区办税服务厅排队三小时无人管');
    const text = mail.text!;
    for (const fragment of [
      'Ⅱ级 重大（橙色）',
      '国家税务总局广州市天河区税务局',
      '服务态度与效率',
      '2 条信息，2 个来源',
      '办税大厅排队三小时',
      'https://bbs.example.cn/t/1',
      `签收：${fmt(t0, 15)}（还剩 15 分）`,
      `首报（向上级报告）：${fmt(t0, 30)}（还剩 30 分）`,
      `书面报告：${fmt(t0, 60)}（还剩 1 小时）`,
      `系统将于 ${fmt(t0, 15)}（15 分后）通知 国家税务总局广州市天河区税务局 分管领导、办公室`,
    ]) {
      expect(text).toContain(fragment);
    }
    expect(mail.html).toContain('background-color:#ea580c'); // orange for Ⅱ
    for (const label of ['签收', '已上报', '申请复核', '申请延期'])
      expect(mail.html).toMatch(new RegExp(`>${label}</a>`));
  });

  it('acknowledgement stops the acknowledgement clock but not the report clock; everyone notified hears of it', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 10, [{ engine, sender }]);
    await incidents.transition(id, 'acknowledge', { userId: null, label: '张三（天河区税务局）' });
    await driver.run(10, 50, [{ engine, sender }]);
    expect(driver.table()).toEqual(
      [
        `000 ${addr('head', '440106')} start`,
        `000 ${addr('liaison', '440106')} start`,
        `010 ${addr('head', '440106')} note:acknowledged`,
        `010 ${addr('liaison', '440106')} note:acknowledged`,
        // no acknowledgement steps any more; the first report still escalates
        `030 ${addr('deputy', '440106')} overdue:首报（向上级报告）`,
        `030 ${addr('office', '440106')} overdue:首报（向上级报告）`,
        `045 ${addr('head', '4401')} supervise:首报（向上级报告）`,
        `045 ${addr('liaison', '4401')} supervise:首报（向上级报告）`,
      ].sort(),
    );
    const clocks = await t.ds.query(
      `SELECT kind, status, met_at FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(clocks.slice(0, 2)).toEqual([
      { kind: 'acknowledge', status: 'met', met_at: driver.at(10) },
      { kind: 'first_report', status: 'missed', met_at: null },
    ]);

    // a late report (due 30, reported at 50) is 迟报 and stops the report ladder
    await incidents.transition(id, 'report', { userId: null, label: '张三（天河区税务局）' });
    const [late] = await t.ds.query(`SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1`, [
      id,
    ]);
    expect(late).toEqual({
      kind: 'late',
      evidence: expect.objectContaining({ clockKind: 'first_report', minutesLate: 20 }),
    });
    const before = smtp.received.length;
    await driver.run(51, 80, [{ engine, sender }]);
    const after = driver.table(51);
    expect(after.filter((l) => l.includes('首报'))).toEqual([]);
    expect(smtp.received.length - before).toBe(after.length);
  });

  it('closing ends every clock and tells everyone notified; a dismissal ends them without a 漏报 check', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 16, [{ engine, sender }]);
    const actor = { userId: null, label: '张三（天河区税务局）' };
    for (const action of ['acknowledge', 'report', 'respond', 'close'] as const)
      await incidents.transition(id, action, actor);
    await driver.run(17, 120, [{ engine, sender }]);
    expect(driver.table(17)).toEqual(
      [
        `017 ${addr('head', COUNTY)} digest:2`, // 已签收 + 已办结, one minute apart from nothing else: one digest
        `017 ${addr('liaison', COUNTY)} digest:2`,
        `017 ${addr('deputy', COUNTY)} digest:2`,
        `017 ${addr('office', COUNTY)} digest:2`,
      ].sort(),
    );
    const notes = driver.arrivals.filter((a) => a.minute === 17).map((a) => a.parsed.text ?? '');
    for (const text of notes) {
      expect(text).toContain('已签收：');
      expect(text).toContain('已办结：');
    }
    const clocks = await t.ds.query(
      `SELECT kind, status FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(clocks.map((c: { kind: string; status: string }) => `${c.kind}:${c.status}`)).toEqual([
      'acknowledge:met',
      'first_report:met',
      'written_report:cancelled',
      'response:met',
      'response_followup:cancelled',
    ]);

    // reopened (回头看), with its reason: everyone told of the closing is told it is open again, and why
    await incidents.transition(id, 'reopen', actor, { reason: '网民反映问题仍未解决，重新核查' });
    await driver.run(121, 122, [{ engine, sender }]);
    const reopened = driver.arrivals.filter((a) => a.minute >= 121);
    expect(reopened.map((a) => `${a.to} ${classify(a.subject)}`).sort()).toEqual(
      ['head', 'liaison', 'deputy', 'office'].map((r) => `${addr(r, COUNTY)} note:reopened`).sort(),
    );
    for (const a of reopened)
      expect(a.parsed.text).toContain('重新打开的原因：网民反映问题仍未解决，重新核查。');

    // created at Ⅱ and confirmed automatically (as the grouper does), then dismissed as a false positive
    const dismissed = await confirmedIncident(t.ds, incidents, t.clock);
    await t.ds.query(`UPDATE incidents SET auto_confirmed = true WHERE id = $1`, [dismissed]);
    await incidents.transition(dismissed, 'dismiss', actor, { reason: '误报' });
    const left = await t.ds.query(
      `SELECT kind FROM escalation_clocks WHERE subject_id = $1 AND (status <> 'cancelled' OR finding_check_at IS NOT NULL)`,
      [dismissed],
    );
    expect(left).toEqual([]);
  });

  it('a bureau with no contact on file escalates straight to its parent, on the timeline', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440104' }); // 越秀区: nobody on file
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    expect(driver.table()).toEqual([
      `000 ${addr('head', '4401')} start`,
      `000 ${addr('liaison', '4401')} start`,
    ]);
    const [ev] = await t.ds.query(
      `SELECT after, comment FROM incident_events WHERE incident_id = $1 AND action = 'routing_fallback'`,
      [id],
    );
    expect(ev.after).toEqual({ from: ['440104'], to: '4401' });
    expect(ev.comment).toContain('未登记联系人');
    const [clock] = await t.ds.query(
      `SELECT bureau_code, notify_bureau_code FROM escalation_clocks WHERE subject_id = $1 LIMIT 1`,
      [id],
    );
    expect(clock).toEqual({ bureau_code: '440104', notify_bureau_code: '4401' });
  });
});

function fmt(t0: Date, minutes: number): string {
  return new Date(t0.getTime() + minutes * 60_000 + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}
