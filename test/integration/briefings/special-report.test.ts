import { IncidentsService } from '../../../src/incidents/incidents.service';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { createTestApp, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { confirmedIncident, seedContacts } from '../escalation/escalation-harness';
import { docxText } from './docx-text';

/**
 * 舆情专报 end to end: one click drafts it from the incident, it is edited, submitted with 文号 and addressee — which
 * meet the incident's report clocks with that evidence (a 迟报 finding carries it when late) — and exported as .docx.
 */
describe('舆情专报 (real PostgreSQL)', () => {
  let t: TestApp;
  let gz: string;
  let js: string;
  let incident: string;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-12-03T02:00:00Z') });
    await seedContacts(t.ds);
    incident = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, { grade: 'II' });
    gz = await t.userWithSession('gz-monitor', 'monitor', '4401');
    js = await t.userWithSession('js-monitor', 'monitor', '32');
  });
  afterAll(() => t?.close());

  const api = (cookie: string, path: string, method = 'GET', body?: unknown) =>
    fetch(`${t.url}/api/special-reports${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('drafts the report in one click from the incident page, in the official layout with the incident’s figures', async () => {
    const page = await (
      await fetch(`${t.url}/console/incidents/${incident}`, { headers: { cookie: gz } })
    ).text();
    expect(page).toContain('action="/console/special-reports"');
    const res = await fetch(`${t.url}/console/special-reports`, {
      method: 'POST',
      headers: { cookie: gz, 'content-type': 'application/x-www-form-urlencoded' },
      body: `incidentId=${incident}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    reportId = res.headers.get('location')!.split('/').pop()!;
    const again = await api(gz, '', 'POST', { incidentId: incident });
    expect(again.status).toBe(200); // the open draft, not a second one
    const draft = await json(again);
    expect(draft).toMatchObject({
      id: reportId,
      status: 'draft',
      title: '关于“天河区办税服务厅排队三小时无人管”舆情的专报',
    });
    expect(draft.basic).toContain('Ⅱ级 重大');
    expect(draft.spread).toContain('共监测到相关信息 2 条');
    expect(draft.reportingUnit).toBe('国家税务总局广州市税务局');
    const edit = await (
      await fetch(`${t.url}/console/special-reports/${reportId}`, { headers: { cookie: gz } })
    ).text();
    for (const h of ['一、基本情况', '二、传播态势', '三、涉事单位', '四、已采取措施', '五、下一步工作'])
      expect(edit).toContain(h);
    expect(edit).toContain('<svg');
  });

  it('is edited in the console and refused outside the incident’s subtree', async () => {
    const res = await api(gz, `/${reportId}`, 'PATCH', {
      measures: '已约谈办税服务厅负责人，增开窗口 3 个。',
    });
    expect(res.status).toBe(200);
    expect((await json(res)).measures).toBe('已约谈办税服务厅负责人，增开窗口 3 个。');
    expect((await api(gz, `/${reportId}`, 'PATCH', { title: '' })).status).toBe(400);
    expect((await api(js, `/${reportId}`)).status).toBe(403);
    expect((await api(js, '', 'POST', { incidentId: incident })).status).toBe(403);
  });

  it('records 文号 and addressee as the 已上报 evidence on the incident’s clocks when submitted (late: a 迟报 finding)', async () => {
    t.clock.set('2026-12-03T02:45:00Z'); // 45 minutes after detection: the Ⅱ首报 (30 min) is 15 minutes late
    expect((await api(gz, `/${reportId}/submit`, 'POST', { addressee: '广东省税务局办公室' })).status).toBe(
      400,
    );
    const res = await api(gz, `/${reportId}/submit`, 'POST', {
      addressee: '广东省税务局办公室',
      reference: '穗税舆〔2026〕7号',
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ status: 'submitted', reference: '穗税舆〔2026〕7号' });
    const clocks = await t.ds.query(
      `SELECT kind, status FROM escalation_clocks WHERE subject_kind = 'incident' AND subject_id = $1 ORDER BY kind`,
      [incident],
    );
    const byKind = Object.fromEntries(
      clocks.map((c: { kind: string; status: string }) => [c.kind, c.status]),
    );
    expect(byKind).toMatchObject({ acknowledge: 'met', first_report: 'met', written_report: 'met' });
    const [inc] = await t.ds.query(`SELECT status FROM incidents WHERE id = $1`, [incident]);
    expect(inc.status).toBe('reported');
    const findings = await t.ds.query(
      `SELECT kind, evidence FROM reporting_findings WHERE incident_id = $1`,
      [incident],
    );
    expect(findings).toContainEqual({
      kind: 'late',
      evidence: expect.objectContaining({
        clockKind: 'first_report',
        reference: '穗税舆〔2026〕7号',
        reportedTo: '广东省税务局办公室',
        specialReportId: reportId,
      }),
    });
    const [ev] = await t.ds.query(
      `SELECT comment FROM incident_events WHERE incident_id = $1 AND action = 'special_report'`,
      [incident],
    );
    expect(ev.comment).toContain('穗税舆〔2026〕7号');
  });

  it('is frozen once submitted, and exports a .docx carrying the incident’s figures', async () => {
    expect((await api(gz, `/${reportId}`, 'PATCH', { measures: '改' })).status).toBe(409);
    await expect(
      t.ds.query(`UPDATE special_reports SET title = 'x' WHERE id = $1`, [reportId]),
    ).rejects.toThrow(/frozen/);
    const res = await api(gz, `/${reportId}/docx`);
    expect(res.status).toBe(200);
    const text = await docxText(Buffer.from(await res.arrayBuffer()));
    for (const s of [
      '舆情专报',
      '穗税舆〔2026〕7号',
      '关于“天河区办税服务厅排队三小时无人管”舆情的专报',
      '广东省税务局办公室：',
      '一、基本情况',
      '二、传播态势',
      '共监测到相关信息 2 条',
      '已约谈办税服务厅负责人，增开窗口 3 个。',
      '报送单位：国家税务总局广州市税务局',
    ])
      expect(text).toContain(s);
    const print = await (
      await fetch(`${t.url}/console/special-reports/${reportId}/print`, { headers: { cookie: gz } })
    ).text();
    expect(print).toContain('@page');
    expect(print).toContain('报送时间：');
  });
});
