import type { Role } from '../../../src/auth/roles';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { confirmedIncident, COUNTY, postAs, useEscalationApp } from './escalation-harness';

/**
 * The 上报 form is one rule on every route (report-form.ts): the API's and the console's 上报 transition ask for how,
 * to whom and the 文号 of a written report, as the mail link and the 舆情专报 do; the form reaches the timeline, the
 * 首报 clock and any 迟报 finding; a written report meets the 书面报告 too; from 已确认 a 上报 签收s on the way.
 */
describe('上报 form on the incident routes (real PostgreSQL)', () => {
  let t: TestApp;
  let incidents: IncidentsService;
  useEscalationApp((s) => ({ t, incidents } = s), { freshDay: true });

  let made = 0;
  const as = (role: Role, bureau: string): Promise<string> =>
    t.userWithSession(`rf-${role}-${bureau}-${++made}`, role, bureau);
  const send = (cookie: string, path: string, body: Record<string, unknown>, form = false) =>
    postAs(t.url, cookie, path, body, form);
  const row = async (id: string) =>
    (await t.ds.query(`SELECT status, version FROM incidents WHERE id = $1`, [id]))[0];
  const clocks = async (id: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      (
        await t.ds.query(`SELECT kind, status FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`, [id])
      ).map((c: { kind: string; status: string }) => [c.kind, c.status]),
    );
  const report = async (cookie: string, id: string, form: Record<string, string>) =>
    send(cookie, `/api/incidents/${id}/transition`, {
      action: 'report',
      expectedVersion: (await row(id)).version,
      ...form,
    });
  const events = (id: string, action: string) =>
    t.ds.query(
      `SELECT after, comment FROM incident_events WHERE incident_id = $1 AND action = $2 ORDER BY id`,
      [id, action],
    );

  it('the API refuses a 上报 without its form, after the rule: outsiders learn nothing of the form', async () => {
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const head = await as('head', COUNTY);
    const cases: [Record<string, string>, string][] = [
      [{}, '请选择报告方式'],
      [{ reportType: 'fax', reportedTo: '广州市税务局办公室' }, '请选择报告方式'],
      [{ reportType: 'phone' }, '请填写报送对象'],
      [{ reportType: 'phone', reportedTo: '办'.repeat(201) }, '最多 200 字'],
      [{ reportType: 'written', reportedTo: '广州市税务局办公室' }, '书面报告请填写文号'],
    ];
    for (const [form, message] of cases) {
      const res = await report(head, id, form);
      expect({ status: res.status, message: (await json(res)).message }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    // the analyst may not report: refused by the rule whatever the form
    expect((await report(await as('hq_analyst', '00'), id, {})).status).toBe(403);
    expect((await report(await as('head', '45'), id, {})).status).toBe(403);
    expect((await row(id)).status).toBe('confirmed');
    expect(await clocks(id)).toMatchObject({ acknowledge: 'running', first_report: 'running' });
    expect(await events(id, 'acknowledge')).toEqual([]); // the refused 上报 did not 签收 either
  });

  it('a stale page is told it is stale before its form is read; nothing is 签收ed', async () => {
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const head = await as('head', COUNTY);
    const { version } = await row(id);
    const stale = await send(head, `/api/incidents/${id}/transition`, {
      action: 'report',
      expectedVersion: version - 1,
    });
    expect(stale.status).toBe(409);
    expect(await events(id, 'acknowledge')).toEqual([]);
    // the incident's detail offers 上报 from 已确认 to those who may 签收 and 上报, not to an HQ analyst
    const detail = async (cookie: string) =>
      (
        (await (await fetch(`${t.url}/api/incidents/${id}`, { headers: { cookie } })).json()) as {
          allowedActions: string[];
        }
      ).allowedActions;
    expect(await detail(head)).toEqual(expect.arrayContaining(['acknowledge', 'report']));
    expect(await detail(await as('hq_analyst', '00'))).toEqual([]);
  });

  it('from 已确认 a phone 上报 签收s too and records how and to whom, on the timeline and the 首报', async () => {
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const head = await as('head', COUNTY);
    const { version } = await row(id);
    const res = await report(head, id, { reportType: 'phone', reportedTo: ' 广州市税务局办公室 ' });
    expect(res.status).toBe(200);
    // the answer is the incident after both steps (签收, then 上报), one version each
    expect(await json(res)).toMatchObject({ status: 'reported', version: version + 2 });
    expect(await clocks(id)).toMatchObject({
      acknowledge: 'met',
      first_report: 'met',
      written_report: 'running',
    });
    expect(await events(id, 'acknowledge')).toEqual([expect.objectContaining({ comment: '随上报一并签收' })]);
    expect(await events(id, 'report')).toEqual([
      {
        after: expect.objectContaining({
          status: 'reported',
          data: { reportType: 'phone', reportedTo: '广州市税务局办公室', reference: null },
        }),
        comment: '电话/口头首报，报送：广州市税务局办公室',
      },
    ]);
    // once reported, the state machine answers (409), not the form
    expect((await report(head, id, {})).status).toBe(409);
  });

  it('a written 上报 meets the 书面报告 with the 首报, and a late one is a 迟报 naming the 文号', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const head = await as('head', COUNTY);
    t.clock.set(new Date(t0.getTime() + 45 * 60_000)); // grade Ⅱ: the 首报 was due at 30 min
    const res = await report(head, id, {
      reportType: 'written',
      reportedTo: '广州市税务局办公室',
      reference: '穗天税发〔2026〕21号',
      comment: '已电话沟通',
    });
    expect(res.status).toBe(200);
    expect(await clocks(id)).toMatchObject({ first_report: 'met', written_report: 'met' });
    const [ev] = await events(id, 'report');
    expect(ev.comment).toBe('书面报告，报送：广州市税务局办公室，文号：穗天税发〔2026〕21号；已电话沟通');
    const findings = await t.ds.query(
      `SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1 AND kind = 'late'`,
      [id],
    );
    expect(findings).toEqual([
      {
        kind: 'late',
        evidence: expect.objectContaining({
          clockKind: 'first_report',
          reportType: 'written',
          reportedTo: '广州市税务局办公室',
          reference: '穗天税发〔2026〕21号',
        }),
      },
    ]);
  });

  it('the console offers the 上报 form (not a bare button) and sends a refusal back to the page', async () => {
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const head = await as('head', COUNTY);
    const page = await (
      await fetch(`${t.url}/console/incidents/${id}`, { headers: { cookie: head } })
    ).text();
    const reportForm = page.match(/<form[^>]*data-action="report"[\s\S]*?<\/form>/)?.[0] ?? '';
    for (const field of ['name="reportType"', 'name="reportedTo"', 'name="reference"'])
      expect(reportForm).toContain(field);
    const act = (body: Record<string, string>) =>
      row(id).then((r) =>
        send(
          head,
          `/console/incidents/${id}/act`,
          { op: 'report', expectedVersion: String(r.version), ...body },
          true,
        ),
      );
    const refused = await act({ reportType: 'phone' });
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get('location')!, t.url).searchParams.get('err')).toContain(
      '请填写报送对象',
    );
    expect((await row(id)).status).toBe('confirmed');
    // a refusal brings back what was typed (escaped), so nothing has to be typed again
    const typed = { reportType: 'written', reportedTo: '区委"><script>x</script>', reference: '' };
    const back = new URL((await act(typed)).headers.get('location')!, t.url);
    expect(back.searchParams.get('err')).toContain('书面报告请填写文号');
    const again = await (await fetch(back, { headers: { cookie: head } })).text();
    const refilled = again.match(/<form[^>]*data-action="report"[\s\S]*?<\/form>/)?.[0] ?? '';
    expect(refilled).toMatch(/<option value="written"\s+selected>/);
    expect(refilled).toContain('value="区委&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(again).not.toContain('<script>x</script>');
    // from 已签收 too the form is offered, not a bare button
    const acked = await confirmedIncident(t.ds, incidents, t.clock);
    const { version: v } = await row(acked);
    await send(head, `/api/incidents/${acked}/transition`, { action: 'acknowledge', expectedVersion: v });
    const ackedPage = await (
      await fetch(`${t.url}/console/incidents/${acked}`, { headers: { cookie: head } })
    ).text();
    expect(ackedPage.match(/<form[^>]*data-action="report"[\s\S]*?<\/form>/)?.[0]).toContain(
      'name="reportedTo"',
    );
    const done = await act({ reportType: 'phone', reportedTo: '区委区政府' });
    expect(done.status).toBe(303);
    expect(new URL(done.headers.get('location')!, t.url).searchParams.get('msg')).toBe('已上报');
    expect((await row(id)).status).toBe('reported');
    expect((await events(id, 'report'))[0].after.data).toMatchObject({
      reportType: 'phone',
      reportedTo: '区委区政府',
    });
    // an HQ analyst reads the incident but may neither 签收 nor 上报 (permissions.ts): no form is offered
    const analyst = await as('hq_analyst', '00');
    const other = await confirmedIncident(t.ds, incidents, t.clock);
    const seen = await (
      await fetch(`${t.url}/console/incidents/${other}`, { headers: { cookie: analyst } })
    ).text();
    expect(seen).toContain(`事件 #${other}`);
    expect(seen).not.toContain('data-action="report"');
  });
});
