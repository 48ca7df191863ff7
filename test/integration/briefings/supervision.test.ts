import ExcelJS from 'exceljs';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { FakeClock } from '../../../src/infrastructure/clock/clock';
import { bulletinEmail } from '../../../src/statistics/bulletin/bulletin-mail';
import { StatisticsFiguresService } from '../../../src/statistics/figures/statistics-figures.service';
import { createTestApp, TEST_PASSWORD, TestApp } from '../../support/app';
import { json } from '../../support/http';
import { addr, linksIn, seedContacts } from '../escalation/escalation-harness';

/**
 * 督办台账: a matter opened by HQ for Guangdong runs on an escalation clock — the unit is told, reminded and escalated
 * once the deadline passed — and a report after the deadline is a 迟报 finding; the ledger lists and exports it.
 */
describe('督办台账 on the escalation clocks (real PostgreSQL)', () => {
  let t: TestApp;
  let hq: string;
  let gdHead: string;
  let sz: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-12-03T02:00:00Z') }); // Thursday 10:00 in Shanghai
    await seedContacts(t.ds, ['44', '00']);
    hq = await t.userWithSession('hq-analyst', 'hq_analyst', '00');
    gdHead = await t.userWithSession('gd-head', 'head', '44');
    sz = await t.userWithSession('sz-monitor', 'monitor', '4403');
  });
  afterAll(() => t?.close());

  /** A fresh session at the current fake time (sessions expire while the clock is moved on by days). */
  const login = async (username: string) => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const post = (cookie: string, path: string, body: unknown) =>
    fetch(`${t.url}/api/supervision${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const clock = async () =>
    (
      await t.ds.query(
        `SELECT status, due_at, policy_key FROM escalation_clocks WHERE subject_kind = 'supervision' AND subject_id = $1`,
        [id],
      )
    )[0];
  const mailsTo = async (to: string) =>
    (
      await t.ds.query(
        `SELECT subject FROM outbox_emails WHERE to_email = $1 AND dedupe_key LIKE $2 ORDER BY id`,
        [to, `esc:supervision:${id}:%`],
      )
    ).map((r: { subject: string }) => r.subject);

  it('opens a matter for a unit of the subtree on a running clock, and tells the unit', async () => {
    const matter = {
      title: '关于核查某市办税服务厅排长队问题的督办',
      instruction: '请核实情况，立即整改，并书面报告整改结果。',
      requiredReport: '书面报告',
      bureauCode: '44',
      dueAt: '2026-12-04T09:30:00Z', // Friday 17:30
    };
    expect((await post(sz, '', matter)).status).toBe(403); // Guangdong is not in Shenzhen's subtree
    expect((await post(hq, '', { ...matter, dueAt: '2026-12-01T00:00:00Z' })).status).toBe(400);
    const res = await post(hq, '', matter);
    expect(res.status).toBe(201);
    const m = await json(res);
    id = m.id;
    expect(m).toMatchObject({ status: 'open', bureauCode: '44', issuerBureauCode: '00', overdue: false });
    expect(await clock()).toMatchObject({ status: 'running', policy_key: 'supervision' });
    expect((await clock()).due_at.toISOString()).toBe('2026-12-04T09:30:00.000Z');
    const [notice] = await t.ds.query(`SELECT subject FROM outbox_emails WHERE dedupe_key = $1`, [
      `supervision:${id}:notice:to:${addr('head', '44')}`,
    ]);
    expect(notice.subject).toBe('【督办通知】关于核查某市办税服务厅排长队问题的督办');
    expect(await mailsTo(addr('head', '44'))).toEqual([]); // no reminder before the deadline
  });

  it('reminds and escalates once the deadline passed', async () => {
    t.clock.set('2026-12-04T09:31:00Z');
    await t.get(EscalationEngine).runOnce();
    hq = await login('hq-analyst');
    sz = await login('sz-monitor');
    expect((await clock()).status).toBe('missed');
    expect(await mailsTo(addr('head', '44'))).toEqual([
      '【舆情哨】「督办事项报告」已超时：督办事项｜关于核查某市办税服务厅排长队问题的督办',
    ]);
    const ledger = await json(
      await fetch(`${t.url}/api/supervision?status=overdue`, { headers: { cookie: hq } }),
    );
    expect(ledger.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(await json(await fetch(`${t.url}/api/supervision`, { headers: { cookie: sz } }))).toEqual([]);
  });

  it('lets the unit ask for an extension from the reminder; the superior (HQ) decides it', async () => {
    const [mail] = await t.ds.query(
      `SELECT html_body FROM outbox_emails WHERE dedupe_key LIKE $1 AND to_email = $2`,
      [`esc:supervision:${id}:%`, addr('head', '44')],
    );
    const link = linksIn(mail.html_body)['申请延期']?.replace(/^https?:\/\/[^/]+/, t.url); // PUBLIC_BASE_URL → this app
    expect(link).toBeDefined();
    const [c] = await t.ds.query(
      `SELECT id::text FROM escalation_clocks WHERE subject_kind = 'supervision' AND subject_id = $1`,
      [id],
    );
    const res = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        clockId: c.id,
        requestedDue: '2026-12-09T17:30',
        reason: '需等待市局联合核查结果',
      }).toString(),
    });
    expect(res.status).toBe(200);
    const [req] = await t.ds.query(
      `SELECT id::text, status, approver_bureau_code FROM extension_requests WHERE subject_kind = 'supervision' AND subject_id = $1`,
      [id],
    );
    expect(req).toMatchObject({ status: 'pending', approver_bureau_code: '00' });
    const hqHead = await t.userWithSession('hq-head', 'head', '00');
    const decided = await fetch(`${t.url}/api/escalation/extensions/${req.id}/decision`, {
      method: 'POST',
      headers: { cookie: hqHead, 'content-type': 'application/json' },
      body: JSON.stringify({ approve: false, comment: '不予延期，请尽快报送' }),
    });
    expect(decided.status).toBeLessThan(300);
    const [after] = await t.ds.query(`SELECT status FROM extension_requests WHERE id = $1`, [req.id]);
    expect(after.status).toBe('refused');
  });

  it('records a 迟报 finding when the responsible unit answers late, and meets the clock', async () => {
    t.clock.set('2026-12-07T02:00:00Z'); // Monday 10:00
    hq = await login('hq-analyst');
    gdHead = await login('gd-head');
    expect((await post(hq, `/${id}/answer`, { answer: '不是责任单位' })).status).toBe(403);
    const res = await post(gdHead, `/${id}/answer`, { answer: '已核实并整改，增设窗口两个。' });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ status: 'answered', late: true, answeredBy: 'gd-head' });
    expect((await post(gdHead, `/${id}/answer`, { answer: '再报一次' })).status).toBe(409);
    expect((await clock()).status).toBe('met');
    const [finding] = await t.ds.query(
      `SELECT kind, bureau_code, evidence FROM supervision_findings WHERE matter_id = $1`,
      [id],
    );
    expect(finding).toMatchObject({ kind: 'late', bureau_code: '44' });
    expect(finding.evidence.minutesLate).toBe(3870); // Friday 17:30 → Monday 10:00: 64.5 hours
    const events = await t.ds.query(
      `SELECT action FROM supervision_events WHERE matter_id = $1 ORDER BY id`,
      [id],
    );
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['created', 'answered', 'late_report']),
    );
  });

  it('lists the matter in the ledger page and exports the filtered ledger to Excel', async () => {
    const page = await (
      await fetch(`${t.url}/console/supervision?status=late`, { headers: { cookie: hq } })
    ).text();
    expect(page).toContain('关于核查某市办税服务厅排长队问题的督办');
    expect(page).toContain('已办结（迟报）');
    const res = await fetch(`${t.url}/console/supervision.xlsx?status=late`, { headers: { cookie: hq } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.getWorksheet('督办台账')!;
    expect(ws.getRow(1).getCell(2).value).toBe('督办事项');
    expect(ws.getRow(2).values).toEqual(
      expect.arrayContaining(['关于核查某市办税服务厅排长队问题的督办', '已办结（迟报）']),
    );
    expect(ws.rowCount).toBe(2);
  });

  it('counts the matters in the monthly bulletin as their own figures', async () => {
    const figures = t.get(StatisticsFiguresService);
    const asOf = new Date('2026-12-07T03:00:00Z');
    const national = await figures.compute('2026-12', '00', asOf);
    expect(national.supervision).toEqual({ opened: 1, due: 1, onTime: 0, late: 1, overdue: 0 });
    expect((await figures.compute('2026-12', '44', asOf)).supervision).toEqual(national.supervision);
    expect((await figures.compute('2026-12', '4403', asOf)).supervision).toBeUndefined(); // no key: hash unchanged
    expect(national.total.incidents).toBe(0); // 督办 matters are not 舆情 incidents
    const mail = bulletinEmail({ version: 1, note: null }, national, [], 'http://127.0.0.1');
    expect(mail.text).toContain(
      '督办事项：本月下发 1 件，到期 1 件（按时办结 0 件，逾期未办 0 件），迟报 1 件',
    );
  });
});
