import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import { addr, confirmedIncident, COUNTY, MinuteDriver, useEscalationApp } from './escalation-harness';

/** Shanghai local time → instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('working time, grades and policies', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let engine: EscalationEngine;
  let sender: MailSender;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, smtp, engine, sender, incidents } = s));

  const clocks = (id: string) =>
    t.ds.query(
      `SELECT kind, status, due_at, policy_snapshot->>'version' AS version FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`,
      [id],
    );

  it('Ⅲ/Ⅳ count working time on the official calendar; the deadline stored is the real instant', async () => {
    t.clock.set(sh('2026-09-30 17:00')); // the last afternoon before 国庆 2026
    const iii = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'III' });
    expect((await clocks(iii)).map((c: { kind: string; due_at: Date }) => [c.kind, c.due_at])).toEqual([
      ['acknowledge', sh('2026-10-08 09:30')], // 30 working minutes before the holiday, 30 after
      ['first_report', sh('2026-10-08 10:30')],
      ['response', sh('2026-10-09 17:30')], // two working days
    ]);
    t.clock.set(sh('2026-10-09 20:00')); // Friday evening; Saturday 10-10 is a 调休 working day
    const iv = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'IV' });
    expect((await clocks(iv)).map((c: { kind: string; due_at: Date }) => [c.kind, c.due_at])).toEqual([
      ['acknowledge', sh('2026-10-10 17:30')],
    ]);
  });

  it('a raised grade switches to the stricter clocks at once and tells the unit', async () => {
    t.clock.set(sh('2026-11-03 10:00'));
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock, { grade: 'IV' });
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 4, [{ engine, sender }]);
    await incidents.regrade(id, 'II', { userId: null, label: '系统' }, { automatic: true });
    await driver.run(5, 16, [{ engine, sender }]);
    expect(
      (await clocks(id)).map((c: { kind: string; status: string; due_at: Date }) => [
        c.kind,
        c.status,
        c.due_at,
      ]),
    ).toEqual([
      ['acknowledge', 'missed', driver.at(15)], // was: end of the next working day
      ['first_report', 'running', driver.at(30)],
      ['written_report', 'running', driver.at(60)],
      ['response', 'running', driver.at(300)],
      ['response_followup', 'running', driver.at(1440)],
    ]);
    expect(driver.table()).toEqual(
      [
        `000 ${addr('head', COUNTY)} start`,
        `000 ${addr('liaison', COUNTY)} start`,
        `005 ${addr('head', COUNTY)} regraded`,
        `005 ${addr('liaison', COUNTY)} regraded`,
        `015 ${addr('deputy', COUNTY)} overdue:签收`,
        `015 ${addr('office', COUNTY)} overdue:签收`,
      ].sort(),
    );
    const [ev] = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'deadlines_tightened'`,
      [id],
    );
    expect(ev.after.grade).toBe('II');
  });

  it('policy edits are versioned and logged, and never change running clocks', async () => {
    t.clock.set(sh('2026-11-04 10:00'));
    const admin = await t.userWithSession('esc-admin', 'admin', '00'); // sessions follow the (fake) clock
    const before = await confirmedIncident(t.ds, incidents, t.clock);
    const current = await json(
      await fetch(`${t.url}/api/escalation/policies`, { headers: { cookie: admin } }),
    );
    const ii = current.find((p: { policyKey: string }) => p.policyKey === 'II');
    expect(ii.version).toBe(0);
    const edited = {
      ...ii.policy,
      clocks: ii.policy.clocks.map((c: { kind: string }) =>
        c.kind === 'acknowledge' ? { ...c, minutes: 30 } : c,
      ),
    };
    const bad = await fetch(`${t.url}/api/escalation/policies/II`, {
      method: 'PUT',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ policy: { ...edited, calendar: 'sometimes' } }),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).details.problems).toEqual([expect.stringContaining('calendar')]);
    const monitor = await t.userWithSession('esc-monitor', 'monitor', COUNTY);
    const forbidden = await fetch(`${t.url}/api/escalation/policies/II`, {
      method: 'PUT',
      headers: { cookie: monitor, 'content-type': 'application/json' },
      body: JSON.stringify({ policy: edited }),
    });
    expect(forbidden.status).toBe(403);
    const saved = await fetch(`${t.url}/api/escalation/policies/II`, {
      method: 'PUT',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ policy: edited, comment: '签收时限放宽为 30 分钟' }),
    });
    expect(saved.status).toBe(200);
    expect((await json(saved)).version).toBe(1);
    const after = await confirmedIncident(t.ds, incidents, t.clock);
    expect((await clocks(before))[0]).toMatchObject({
      kind: 'acknowledge',
      due_at: sh('2026-11-04 10:15'),
      version: '0',
    });
    expect((await clocks(after))[0]).toMatchObject({
      kind: 'acknowledge',
      due_at: sh('2026-11-04 10:30'),
      version: '1',
    });
    // the console editor: a page with the JSON, a form that saves, and errors shown in place
    const page = await fetch(`${t.url}/console/escalation/policies`, { headers: { cookie: admin } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('签收时限放宽为 30 分钟');
    const formSave = await fetch(`${t.url}/console/escalation/policies/II`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ policy: '{"calendar":', comment: '' }).toString(),
      redirect: 'manual',
    });
    expect(formSave.status).toBe(400);
    expect(await formSave.text()).toContain('JSON 格式错误');
    const formOk = await fetch(`${t.url}/console/escalation/policies/II`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ policy: JSON.stringify(ii.policy), comment: '恢复默认' }).toString(),
      redirect: 'manual',
    });
    expect(formOk.status).toBe(303);
    const history = await json(
      await fetch(`${t.url}/api/escalation/policies/II`, { headers: { cookie: admin } }),
    );
    expect(history.map((h: { version: number }) => h.version)).toEqual([2, 1, 0]);
    // issue 13: everyone reads the national policies; only HQ admins get the editor
    const readOnly = await fetch(`${t.url}/console/escalation/policies`, { headers: { cookie: monitor } });
    expect(readOnly.status).toBe(200);
    const readOnlyHtml = await readOnly.text();
    expect(readOnlyHtml).toContain('此处仅供查看');
    expect(readOnlyHtml).not.toContain('保存为新版本');
    expect(
      (await fetch(`${t.url}/console/escalation/policies/II/edit`, { headers: { cookie: monitor } })).status,
    ).toBe(403);
  });
});
