import { PassThrough } from 'node:stream';
import { escalationCommands } from '../../../src/escalation/escalation.commands';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { EscalationService } from '../../../src/escalation/engine/escalation.service';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import type { Actor } from '../../../src/incidents/incident.types';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import { addr, confirmedIncident, COUNTY, MinuteDriver, useEscalationApp } from './escalation-harness';

describe('findings, routing, pages, manual deadlines, generic clocks, CLI', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let engine: EscalationEngine;
  let sender: MailSender;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, smtp, engine, sender, incidents } = s));

  async function userActor(username: string, role: 'monitor' | 'head', bureau: string): Promise<Actor> {
    await t.userWithSession(username, role, bureau);
    const [u] = await t.ds.query(`SELECT id::text FROM users WHERE username = $1`, [username]);
    return { userId: u.id, label: username, bureauCode: bureau };
  }
  const clocks = (id: string) =>
    t.ds.query(
      `SELECT kind, status, due_at, policy_snapshot->>'version' AS version FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`,
      [id],
    );

  it('瞒报: dismissed by the unit, confirmed by its superior', async () => {
    const unit = await userActor('unit-monitor', 'monitor', COUNTY);
    const superior = await userActor('city-monitor', 'monitor', '4401');
    const id = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'III', confirm: false });
    await incidents.transition(id, 'dismiss', unit, { reason: '误报' });
    await incidents.transition(id, 'confirm', superior);
    const [f] = await t.ds.query(
      `SELECT kind, bureau_code, evidence FROM reporting_findings WHERE incident_id = $1`,
      [id],
    );
    expect(f).toEqual({
      kind: 'concealed',
      bureau_code: COUNTY,
      evidence: expect.objectContaining({
        how: 'dismissed',
        dismissedBy: 'unit-monitor',
        dismissReason: '误报',
        confirmedBy: 'city-monitor',
        confirmedByRelation: 'superior',
      }),
    });
    // the unit reversing its own dismissal is not concealment
    const other = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'III', confirm: false });
    await incidents.transition(other, 'dismiss', unit, { reason: '误报' });
    await incidents.transition(other, 'confirm', unit);
    expect(await t.ds.query(`SELECT 1 FROM reporting_findings WHERE incident_id = $1`, [other])).toEqual([]);
  });

  it('瞒报: downgraded by the unit, raised again by the spread (automatic grading)', async () => {
    const unitHead = await userActor('unit-head', 'head', COUNTY);
    const id = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'II' });
    await incidents.regrade(id, 'III', unitHead, { reason: '影响有限' });
    await incidents.regrade(id, 'II', { userId: null, label: '系统' }, { automatic: true });
    const [f] = await t.ds.query(`SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1`, [
      id,
    ]);
    expect(f).toEqual({
      kind: 'concealed',
      evidence: expect.objectContaining({
        how: 'downgraded',
        downgradedBy: 'unit-head',
        downgradedTo: 'III',
        raisedByRelation: 'system',
        raisedTo: 'II',
      }),
    });
  });

  it('routing: a nationwide e-tax outage (no bureau) goes to HQ office and liaison by rule', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock, {
      bureau: null,
      region: null,
      category: '系统故障',
      title: '全国电子税务局无法登录',
    });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    expect(driver.table()).toEqual([
      `000 ${addr('liaison', '00')} start`,
      `000 ${addr('office', '00')} start`,
    ]);
    const [ev] = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'escalation_started'`,
      [id],
    );
    expect(ev.after).toMatchObject({ responsibleBureau: '00', routedBy: 'rule' });
  });

  it('the escalation page shows clocks with countdowns and the notification log with every attempt; scoped', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    await new MinuteDriver(t.clock, t0, smtp).run(0, 16, [{ engine, sender }]);
    const cookie = await t.userWithSession('page-monitor', 'monitor', '44');
    const res = await fetch(`${t.url}/console/escalation/incidents/${id}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-due=');
    expect(html).toContain('data-clock-kind="acknowledge" data-clock-status="missed"');
    expect(html).toContain(`data-recipient="${addr('deputy', COUNTY)}"`);
    // the transport's answer (the SMTP reply, or the server's outbox file path) is for admins only
    expect(html).toContain('发送成功');
    expect(html).not.toContain('发送成功：250');
    const api = await json(await fetch(`${t.url}/api/escalation/incidents/${id}`, { headers: { cookie } }));
    expect(api.notifications.map((n: { reason: string }) => n.reason)).toEqual([
      'start',
      'start',
      'step',
      'step',
    ]);
    expect(api.notifications[0].attempts).toEqual([expect.objectContaining({ result: 'sent' })]);
    const outsider = await t.userWithSession('outsider', 'monitor', '45');
    expect(
      (
        await fetch(`${t.url}/console/escalation/incidents/${id}`, {
          headers: { cookie: outsider, accept: 'text/html' },
        })
      ).status,
    ).toBe(403);
  });

  it('written report and press-conference deadlines are marked done by hand; the others are not', async () => {
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const cookie = await t.userWithSession('meet-monitor', 'monitor', COUNTY);
    const post = (kind: string, body: Record<string, string> = {}) =>
      fetch(`${t.url}/api/escalation/incidents/${id}/clocks/${kind}/meet`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const written = { reportedTo: '广州市税务局办公室', reference: '穗天税发〔2026〕1号' };
    expect((await post('acknowledge')).status).toBe(400);
    expect((await post('written_report')).status).toBe(400); // no 文号 (the mail link's rule)
    expect((await post('written_report', written)).status).toBe(409); // no 首报 yet (DOMAIN.md)
    const unit = await userActor('meet-head', 'head', COUNTY);
    await incidents.transition(id, 'acknowledge', unit);
    await incidents.transition(id, 'report', unit);
    expect((await post('written_report', written)).status).toBe(201);
    expect((await post('written_report', written)).status).toBe(409);
    expect((await clocks(id)).find((c: { kind: string }) => c.kind === 'written_report').status).toBe('met');
  });

  it('generic subjects: startClock with an explicit deadline and the explanation policy', async () => {
    const svc = t.get(EscalationService);
    const row = await t.ds.transaction((em) =>
      svc.startClock(em, {
        subjectKind: 'incident',
        subjectId: '999999',
        bureauCode: '44',
        kind: 'explanation',
        durationMinutes: 60,
        workingTime: false,
        policyKey: 'explanation',
      }),
    );
    expect(row).toMatchObject({
      kind: 'explanation',
      bureauCode: '44',
      dueAt: new Date(t.clock.now().getTime() + 3600_000),
    });
    expect(row!.policySnapshot.clock.steps.length).toBeGreaterThan(0);
  });

  it('CLI escalation:simulate prints who would be emailed when', async () => {
    const cmd = escalationCommands.find((c) => c.name === 'escalation:simulate')!;
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    await cmd.run({
      args: [],
      flags: { grade: 'II', bureau: COUNTY, at: '2026-11-02T09:00:00+08:00' },
      app: async () => t.app,
      stdout: out,
      stdin: process.stdin,
    });
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('Ⅱ级 重大 · 国家税务总局广州市天河区税务局');
    expect(lines[1]).toMatch(
      /^\+0 分\s+2026-11-02 09:00 {2}首次通知 {2}国家税务总局广州市天河区税务局 {2}head-440106 <head\.440106@tax\.example\.cn>（主要负责人），liaison-440106/,
    );
    expect(lines.find((l) => l.includes('签收超时 第4级'))).toMatch(
      /^\+60 分\s+2026-11-02 10:00 {2}签收超时 第4级 {2}国家税务总局/,
    );
    expect(lines.some((l) => l.includes('第1次重复'))).toBe(true);
    await expect(
      cmd.run({
        args: [],
        flags: { grade: 'V', bureau: COUNTY },
        app: async () => t.app,
        stdout: out,
        stdin: process.stdin,
      }),
    ).rejects.toThrow('--grade');
    // nothing was written
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM outbox_emails WHERE status = 'pending'`);
    expect(n).toBe(0);
  });
});
