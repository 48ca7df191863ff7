import type { Principal } from '../../../src/auth/roles';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { secondsLate, sqlSecondsLate } from '../../../src/escalation/findings/reporting-findings';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { ContactsService } from '../../../src/organisation/contacts.service';
import { StatisticsFiguresService } from '../../../src/statistics/figures/statistics-figures.service';
import { TestApp } from '../../support/app';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  confirmedIncident,
  COUNTY,
  linksIn,
  MinuteDriver,
  seedContacts,
  useEscalationApp,
} from './escalation-harness';

/** Issue 12 (hardening), escalation points 14, 19 and 20: what end-to-end runs with real SMTP found. */
describe('issue 12: escalation correctness (real SMTP, fake clock)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let engine: EscalationEngine;
  let sender: MailSender;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, smtp, engine, sender, incidents } = s), {
    freshDay: true,
    configure: (app) => {
      app.config.PUBLIC_BASE_URL = app.url;
    },
  });
  const actor = { userId: null, label: '张三（税务局）' };
  const admin: Principal = {
    userId: '0',
    username: 'directory-admin',
    displayName: '目录管理员',
    role: 'admin',
    bureauCode: '00',
    bureauPath: '00.',
    via: 'session',
  };

  it('issue 12 point 14: a report 20 s late is a 迟报 and counted late in the month', async () => {
    const t0 = t.clock.now();
    // 海珠区: used by no other test, so the month's figures of its scope are this incident's alone
    const id = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440105' });
    await incidents.transition(id, 'acknowledge', actor);
    t.clock.set(new Date(t0.getTime() + 30 * 60_000 + 20_000)); // grade Ⅱ: first report due at 30 min
    await incidents.transition(id, 'report', actor);

    const findings = await t.ds.query(
      `SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1`,
      [id],
    );
    expect(findings).toEqual([
      {
        kind: 'late',
        evidence: expect.objectContaining({ clockKind: 'first_report', secondsLate: 20, minutesLate: 1 }),
      },
    ]);
    const month = t0.toISOString().slice(0, 7); // 01:00Z is 09:00 in Shanghai: the same month
    const figures = await t.get(StatisticsFiguresService).compute(month, '440105', t.clock.now());
    expect(figures.total.onTime.firstReport).toEqual({ judged: 1, onTime: 0, rate: 0 });
    expect(figures.total.findings.late).toBe(1);

    // the same definition, to the second, on both sides: 0.4 s after the deadline is within its second
    const early = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440105' });
    const [c] = await t.ds.query(
      `SELECT due_at FROM escalation_clocks WHERE subject_id = $1 AND kind = 'first_report'`,
      [early],
    );
    await incidents.transition(early, 'acknowledge', actor);
    t.clock.set(new Date(Math.floor(c.due_at.getTime() / 1000) * 1000 + 400));
    await incidents.transition(early, 'report', actor);
    expect(await t.ds.query(`SELECT 1 FROM reporting_findings WHERE incident_id = $1`, [early])).toEqual([]);
    const again = await t.get(StatisticsFiguresService).compute(month, '440105', t.clock.now());
    expect(again.total.onTime.firstReport).toEqual({ judged: 2, onTime: 1, rate: 0.5 });
    expect(again.total.findings.late).toBe(1);

    // the console's in-memory form agrees with the SQL the finding and the figures use
    const due = new Date('2026-11-02T02:30:00.250Z');
    for (const ms of [-1000, -1, 0, 400, 749, 750, 1000, 20_000, 29_999, 30_000]) {
      const met = new Date(due.getTime() + ms);
      const [{ late }] = await t.ds.query(
        `SELECT ${sqlSecondsLate('$1::timestamptz', '$2::timestamptz')} AS late`,
        [due, met],
      );
      expect([ms, late]).toEqual([ms, secondsLate(due, met)]);
    }
  });

  it('issue 12 point 19: a notice that reached nobody of the unit goes to its head once its contacts are imported', async () => {
    const t0 = t.clock.now();
    // 武江区 and 韶关市 have nobody on file: the province stands in
    const id = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440203' });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 5, [{ engine, sender }]);
    expect(driver.table()).toEqual([`000 ${addr('head', '44')} start`, `000 ${addr('liaison', '44')} start`]);

    t.clock.set(driver.at(6));
    const csv = [
      'bureau_code,role,name,email',
      ...['head', 'deputy', 'liaison', 'office'].map((r) => `440203,${r},${r}-440203,${addr(r, '440203')}`),
    ].join('\n');
    await t.get(ContactsService).importCsv(admin, csv);
    await driver.run(6, 6, [{ engine, sender }]);
    expect(driver.table(6)).toEqual([
      `006 ${addr('head', '440203')} start`,
      `006 ${addr('liaison', '440203')} start`,
    ]);
    const mail = driver.arrivals.find((a) => a.to === addr('head', '440203'))!.parsed;
    expect(mail.text).toContain('补发');
    expect(Object.keys(linksIn(mail.html as string))).toEqual(expect.arrayContaining(['签收', '已上报']));

    // from now on the unit's own people get its reminders: the acknowledgement step at 15 goes to its deputy and office
    await driver.run(7, 15, [{ engine, sender }]);
    expect(driver.table(7)).toEqual(
      [`015 ${addr('deputy', '440203')} overdue:签收`, `015 ${addr('office', '440203')} overdue:签收`].sort(),
    );
    const pending = await t.ds.query(
      `SELECT bureau_code, status FROM pending_notices WHERE incident_id = $1`,
      [id],
    );
    expect(pending).toEqual([{ bureau_code: '440203', status: 'delivered' }]);
    // delivered once: later ticks send it no more
    await driver.run(16, 16, [{ engine, sender }]);
    expect(driver.table(16).filter((l) => l.endsWith(' start'))).toEqual([]);
  });

  it('issue 12 point 19: a first notice that reaches nobody alerts the level above, and goes out once a head is entered', async () => {
    const t0 = t.clock.now();
    await seedContacts(t.ds, ['440205'], ['office']); // 曲江区: only its office, nobody the first notice is for
    const id = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440205' });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    expect(driver.table()).toEqual(
      [
        `000 ${addr('head', '44')} unreached:首次通知`,
        `000 ${addr('liaison', '44')} unreached:首次通知`,
        `000 ${addr('office', '00')} unreached:首次通知`,
      ].sort(),
    );
    expect(driver.arrivals[0].parsed.text).toContain('补录后，系统将向其补发本通知');

    t.clock.set(driver.at(3));
    await seedContacts(t.ds, ['440205'], ['head']);
    await driver.run(3, 3, [{ engine, sender }]);
    expect(driver.table(3)).toEqual([`003 ${addr('head', '440205')} start`]);
    const [p] = await t.ds.query(`SELECT status, outcome FROM pending_notices WHERE incident_id = $1`, [id]);
    expect(p).toEqual({ status: 'delivered', outcome: 'sent to 1' });
  });

  it('issue 12 point 19: a step with nobody to reach alerts the next level up and HQ’s office', async () => {
    const t0 = t.clock.now();
    await seedContacts(t.ds, ['440204'], ['liaison']); // 浈江区: a liaison, but no deputy and no office
    const id = await confirmedIncident(t.ds, incidents, t.clock, { bureau: '440204' });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 15, [{ engine, sender }]);
    expect(driver.table()).toEqual(
      [
        `000 ${addr('liaison', '440204')} start`,
        // 15: the acknowledgement step (deputy, office of 浈江区) reaches nobody: an alert to the next level up
        // (韶关市 has nobody on file, so 广东省) and to HQ's office; the next step (韶关市 → 广东省) fires at once
        `015 ${addr('head', '44')} digest:2`,
        `015 ${addr('liaison', '44')} digest:2`,
        `015 ${addr('office', '00')} unreached:签收`,
      ].sort(),
    );
    const hq = driver.arrivals.find((a) => a.to === addr('office', '00'))!.parsed;
    expect(hq.subject).toContain('国家税务总局韶关市浈江区税务局');
    expect(hq.text).toContain('分管领导、办公室');
    expect(hq.text).toContain('补录');
    const digest = driver.arrivals.find((a) => a.to === addr('head', '44'))!.parsed;
    expect(digest.text).toContain('无人接收');
    const [ev] = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'escalation_step_skipped' ORDER BY id LIMIT 1`,
      [id],
    );
    expect(ev.after.alerted.sort()).toEqual(
      [addr('head', '44'), addr('liaison', '44'), addr('office', '00')].sort(),
    );
  });

  it('issue 12 point 20: mails composed after downtime never say 即将 for a time already past', async () => {
    const t0 = t.clock.now();
    await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    // down from minute 1 to minute 50: the steps of 15, 30 and 45 are composed and sent at 50
    await driver.run(50, 50, [{ engine, sender }]);
    const late = driver.arrivals.filter((a) => a.minute === 50);
    expect(late.length).toBeGreaterThan(0);
    const composed = fmt(t0, 50);
    for (const a of late) {
      const text = a.parsed.text ?? '';
      expect(text).not.toContain('即将');
      for (const m of text.matchAll(/系统将于 (\d{4}-\d\d-\d\d \d\d:\d\d)/g))
        expect(m[1] > composed).toBe(true);
    }
    const deputy = late.find((a) => a.to === addr('deputy', COUNTY))!.parsed.text!;
    expect(deputy).toContain(`已于 ${fmt(t0, 30)}`);
    expect(deputy).toContain(`截至 ${composed}`);
  });

  it('issue 12 point 20: 已上报 on an unacknowledged incident tells everyone 已上报, not 已签收', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    const links = linksIn(driver.arrivals.find((a) => a.to === addr('head', COUNTY))!.parsed.html as string);
    t.clock.set(driver.at(5));
    const res = await fetch(links['已上报'], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'jest-mail-client' },
      body: new URLSearchParams({ reportType: 'phone', reportedTo: '广州市税务局办公室' }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await t.ds.query(`SELECT status FROM incidents WHERE id = $1`, [id]))[0].status).toBe('reported');
    await driver.run(5, 5, [{ engine, sender }]);
    expect(driver.table(5)).toEqual(
      [`005 ${addr('head', COUNTY)} note:reported`, `005 ${addr('liaison', COUNTY)} note:reported`].sort(),
    );
    for (const a of driver.arrivals.filter((x) => x.minute === 5)) {
      expect(a.subject).toMatch(/^【舆情哨】已上报：/);
      expect(a.parsed.text).not.toContain('已签收');
    }
  });
});

function fmt(t0: Date, minutes: number): string {
  return new Date(t0.getTime() + minutes * 60_000 + 8 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}
