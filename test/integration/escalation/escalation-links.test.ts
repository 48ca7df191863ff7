import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { IncidentEditsService } from '../../../src/incidents/triage/incident-edits.service';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { TestApp } from '../../support/app';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  confirmedIncident,
  COUNTY,
  linksIn,
  MinuteDriver,
  useEscalationApp,
} from './escalation-harness';

describe('signed action links (real HTTP, real SMTP)', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let engine: EscalationEngine;
  let sender: MailSender;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, smtp, engine, sender, incidents } = s), {
    freshDay: true,
    // links in mails point at this test server
    configure: (app) => {
      app.config.PUBLIC_BASE_URL = app.url;
    },
  });

  /** A confirmed grade Ⅱ incident and the county head's first notice, as delivered by SMTP. */
  async function incidentWithMail() {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    const mail = driver.arrivals.find((a) => a.to === addr('head', COUNTY))!;
    return { id, driver, links: linksIn(mail.parsed.html as string) };
  }

  const form = (data: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'jest-mail-client' },
    body: new URLSearchParams(data).toString(),
  });
  const status = async (id: string) =>
    (await t.ds.query(`SELECT status FROM incidents WHERE id = $1`, [id]))[0].status;

  it('签收: GET only shows a confirmation page (prefetch-safe); POST acknowledges; a second use is refused', async () => {
    const { id, links } = await incidentWithMail();
    expect(Object.keys(links).sort()).toEqual(['申请复核', '申请延期', '已上报', '签收'].sort());
    const page = await fetch(links['签收']);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('确认签收');
    expect(html).toContain('天河区办税服务厅排队三小时无人管');
    expect(await status(id)).toBe('confirmed'); // looking changed nothing

    t.clock.advance(5 * 60_000);
    const done = await fetch(links['签收'], form({}));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('已签收');
    expect(await status(id)).toBe('acknowledged');
    const [clock] = await t.ds.query(
      `SELECT status, met_at, met_by FROM escalation_clocks WHERE subject_id = $1 AND kind = 'acknowledge'`,
      [id],
    );
    expect(clock).toEqual({
      status: 'met',
      met_at: t.clock.now(),
      met_by: expect.stringContaining(addr('head', COUNTY)),
    });
    const [use] = await t.ds.query(
      `SELECT used_at, used_ip, used_user_agent FROM action_links WHERE subject_id = $1 AND action = 'acknowledge' AND used_at IS NOT NULL`,
      [id],
    );
    expect(use).toEqual({
      used_at: t.clock.now(),
      used_ip: expect.stringMatching(/127\.0\.0\.1/),
      used_user_agent: 'jest-mail-client',
    });
    const [event] = await t.ds.query(
      `SELECT actor_label FROM incident_events WHERE incident_id = $1 AND action = 'acknowledge'`,
      [id],
    );
    expect(event.actor_label).toContain('签收链接');

    const again = await fetch(links['签收'], form({}));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('链接已使用');
    expect((await fetch(links['签收'])).status).toBe(410);
    const events = await t.ds.query(
      `SELECT count(*)::int AS n FROM incident_events WHERE incident_id = $1 AND action = 'acknowledge'`,
      [id],
    );
    expect(events[0].n).toBe(1);
  });

  it('a tampered or unknown token is refused (403); an expired one is gone (410); neither acts', async () => {
    const { id, links } = await incidentWithMail();
    const url = links['签收'];
    const last = url.slice(-1);
    const tampered = url.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    for (const bad of [
      tampered,
      `${t.url}/links/not-a-token`,
      `${t.url}/links/${'a'.repeat(24)}.${'b'.repeat(22)}`,
    ]) {
      const get = await fetch(bad);
      expect(get.status).toBe(403);
      expect(await get.text()).toContain('链接无效');
      expect((await fetch(bad, form({}))).status).toBe(403);
    }
    expect(await status(id)).toBe('confirmed');

    t.clock.advance(73 * 3600_000); // links live 72 h
    const expired = await fetch(links['申请复核'], form({ reason: '这是误报，非本单位事项' }));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('链接已过期');
    const reviews = await t.ds.query(
      `SELECT 1 FROM incident_events WHERE incident_id = $1 AND action = 'review_requested'`,
      [id],
    );
    expect(reviews).toEqual([]);
  });

  it('已上报 with a form: a mistake keeps the link usable; a written report records 文号 and to whom; late is 迟报', async () => {
    const { id, links } = await incidentWithMail();
    t.clock.advance(40 * 60_000);
    const bad = await fetch(
      links['已上报'],
      form({ reportType: 'written', reportedTo: '广州市税务局办公室' }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('书面报告请填写文号');
    const ok = await fetch(
      links['已上报'],
      form({ reportType: 'written', reportedTo: '广州市税务局办公室', reference: '穗天税发〔2026〕12号' }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('穗天税发〔2026〕12号');
    expect(await status(id)).toBe('reported');
    const clocks = await t.ds.query(
      `SELECT kind, status FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(clocks.slice(0, 3)).toEqual([
      { kind: 'acknowledge', status: 'met' },
      { kind: 'first_report', status: 'met' },
      { kind: 'written_report', status: 'met' },
    ]);
    const findings = await t.ds.query(
      `SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1`,
      [id],
    );
    expect(findings).toEqual([
      {
        kind: 'late',
        evidence: expect.objectContaining({
          clockKind: 'first_report',
          minutesLate: 10,
          reference: '穗天税发〔2026〕12号',
          reportedTo: '广州市税务局办公室',
        }),
      },
    ]);
    const [ev] = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'report'`,
      [id],
    );
    expect(ev.after.data).toEqual({
      reportType: 'written',
      reference: '穗天税发〔2026〕12号',
      reportedTo: '广州市税务局办公室',
    });
  });

  it('申请复核 records the request on the timeline', async () => {
    const { id, links } = await incidentWithMail();
    const res = await fetch(links['申请复核'], form({ reason: '视频为外省办税厅，非本单位' }));
    expect(res.status).toBe(200);
    const [ev] = await t.ds.query(
      `SELECT after, comment FROM incident_events WHERE incident_id = $1 AND action = 'review_requested'`,
      [id],
    );
    expect(ev.after).toEqual({ by: addr('head', COUNTY), reason: '视频为外省办税厅，非本单位' });
  });

  it('申请延期 goes to the superior bureau; its head approves and the deadline moves; others may not decide', async () => {
    const { id, links, driver } = await incidentWithMail();
    const [response] = await t.ds.query(
      `SELECT id::text, due_at FROM escalation_clocks WHERE subject_id = $1 AND kind = 'response'`,
      [id],
    );
    const wanted = new Date(response.due_at.getTime() + 3 * 3600_000);
    const local = new Date(wanted.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
    const res = await fetch(
      links['申请延期'],
      form({ clockId: response.id, requestedDue: local, reason: '需等待区政府联合调查结果' }),
    );
    expect(res.status).toBe(200);
    const [req] = await t.ds.query(
      `SELECT id::text, status, approver_bureau_code FROM extension_requests WHERE subject_id = $1`,
      [id],
    );
    expect(req).toEqual({ id: expect.any(String), status: 'pending', approver_bureau_code: '4401' });
    await driver.run(1, 1, [{ engine, sender }]);
    expect(driver.table(1)).toEqual([
      `001 ${addr('head', '4401')} extension:request`,
      `001 ${addr('liaison', '4401')} extension:request`,
    ]);

    const countyHead = await t.userWithSession('county-head', 'head', COUNTY);
    const refused = await fetch(`${t.url}/api/escalation/extensions/${req.id}/decision`, {
      method: 'POST',
      headers: { cookie: countyHead, 'content-type': 'application/json' },
      body: JSON.stringify({ approve: true }),
    });
    expect(refused.status).toBe(403);

    const cityHead = await t.userWithSession('city-head', 'head', '4401');
    const queue = await (
      await fetch(`${t.url}/console/escalation/extensions`, { headers: { cookie: cityHead } })
    ).text();
    expect(queue).toContain('需等待区政府联合调查结果');
    // issue 13: the row names the incident by its title, linked to its page, never 「事件 #14」
    const [{ title }] = await t.ds.query(`SELECT title FROM incidents WHERE id = $1`, [id]);
    expect(queue).toContain(`<a href="/console/escalation/incidents/${id}">${title}</a>`);
    expect(queue).not.toMatch(/事件 #\d/);
    const decided = await fetch(`${t.url}/api/escalation/extensions/${req.id}/decision`, {
      method: 'POST',
      headers: { cookie: cityHead, 'content-type': 'application/json' },
      body: JSON.stringify({ approve: true, comment: '同意延期' }),
    });
    expect(decided.status).toBe(201);
    const [after] = await t.ds.query(`SELECT due_at, status FROM escalation_clocks WHERE id = $1`, [
      response.id,
    ]);
    expect(after).toEqual({ due_at: wanted, status: 'running' });
    const [ev] = await t.ds.query(
      `SELECT after FROM incident_events WHERE incident_id = $1 AND action = 'deadline_extended'`,
      [id],
    );
    expect(ev.after).toMatchObject({ kind: 'response', after: wanted.toISOString() });
    await driver.run(2, 2, [{ engine, sender }]);
    expect(driver.table(2)).toEqual([`002 ${addr('head', COUNTY)} extension:decision`]);
    const twice = await fetch(`${t.url}/api/escalation/extensions/${req.id}/decision`, {
      method: 'POST',
      headers: { cookie: cityHead, 'content-type': 'application/json' },
      body: JSON.stringify({ approve: false }),
    });
    expect(twice.status).toBe(409);
  });

  it('a link of a unit no longer responsible (reassigned) is refused, as the console would refuse it', async () => {
    const { id, links } = await incidentWithMail();
    await t
      .get(IncidentEditsService)
      .reassign(id, '3301', { userId: null, label: '测试' }, { comment: '事发地在杭州' });
    for (const res of [await fetch(links['签收']), await fetch(links['签收'], form({}))]) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('无权办理');
    }
    expect(await status(id)).toBe('confirmed');
    const used = await t.ds.query(
      `SELECT 1 FROM action_links WHERE subject_id = $1 AND used_at IS NOT NULL`,
      [id],
    );
    expect(used).toEqual([]);
  });
});
