import type { Role } from '../../../src/auth/roles';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { TestApp } from '../../support/app';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  confirmedIncident,
  COUNTY,
  linksIn,
  MinuteDriver,
  useEscalationApp,
  postAs,
} from './escalation-harness';

/**
 * The 上报 form (how, to whom, 文号) is shown wherever a report is: besides the timeline and the 迟报 findings, the
 * escalation page's deadline log names the report that met each 首报 and 书面报告 (escaped), and the 已上报 note to
 * everyone notified says what was sent up — whichever route recorded it (API 上报, mail link, console clock form).
 */
describe('the 上报 form on the deadline log and in the 已上报 note (real PostgreSQL, real SMTP)', () => {
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

  let made = 0;
  const as = (role: Role, bureau: string): Promise<string> =>
    t.userWithSession(`rs-${role}-${bureau}-${++made}`, role, bureau);
  const post = (cookie: string, path: string, body: Record<string, string | number>, form = false) =>
    postAs(t.url, cookie, path, body, form);
  /** The escalation page's row of one clock. */
  const clockRow = async (id: string, kind: string): Promise<string> => {
    const page = await (
      await fetch(`${t.url}/console/escalation/incidents/${id}`, {
        headers: { cookie: await as('monitor', COUNTY) },
      })
    ).text();
    return page.match(new RegExp(`<tr data-clock-kind="${kind}"[^]*?</tr>`))?.[0] ?? '';
  };
  const notes = (driver: MinuteDriver) => driver.arrivals.filter((a) => a.subject.includes('已上报：'));

  it('a written 上报 on the API: both clocks name it on the page, escaped, and the note says it', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    const reportedTo = '区委"><script>x</script>';
    const [{ version }] = await t.ds.query(`SELECT version FROM incidents WHERE id = $1`, [id]);
    const res = await post(await as('head', COUNTY), `/api/incidents/${id}/transition`, {
      action: 'report',
      expectedVersion: version,
      reportType: 'written',
      reportedTo,
      reference: '穗天税发〔2026〕21号',
    });
    expect(res.status).toBe(200);
    const line = '书面报告，报送：区委&quot;&gt;&lt;script&gt;x&lt;/script&gt;，文号：穗天税发〔2026〕21号';
    for (const kind of ['first_report', 'written_report']) {
      const row = await clockRow(id, kind);
      expect(row).toContain(`<small class="met-report">${line}</small>`);
      expect(row).not.toContain('<script>x</script>');
    }
    expect(await clockRow(id, 'acknowledge')).not.toContain('met-report'); // a 签收 is no report
    expect(await clockRow(id, 'response')).not.toContain('met-report');

    await driver.run(1, 1, [{ engine, sender }]);
    const sent = notes(driver);
    expect(sent.map((n) => n.to).sort()).toEqual([addr('head', COUNTY), addr('liaison', COUNTY)]);
    for (const n of sent) {
      expect(n.parsed.text).toContain(`报告情况：书面报告，报送：${reportedTo}，文号：穗天税发〔2026〕21号`);
      expect(n.parsed.html).toContain(line);
      expect(n.parsed.html).not.toContain('<script>x</script>');
    }
  });

  it('a phone 上报 by mail link, then the 书面报告 on the console: each clock names its own report', async () => {
    const t0 = t.clock.now();
    const id = await confirmedIncident(t.ds, incidents, t.clock);
    const driver = new MinuteDriver(t.clock, t0, smtp);
    await driver.run(0, 0, [{ engine, sender }]);
    const links = linksIn(driver.arrivals.find((a) => a.to === addr('head', COUNTY))!.parsed.html as string);
    const done = await fetch(links['已上报'], {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reportType: 'phone', reportedTo: '广州市税务局办公室' }).toString(),
    });
    expect(await done.text()).toContain('已记录向上级报告');
    await driver.run(1, 1, [{ engine, sender }]);
    const [note] = notes(driver);
    expect(note.parsed.text).toContain('报告情况：电话/口头首报，报送：广州市税务局办公室\n');
    expect(note.parsed.text).not.toContain('文号');

    const met = await post(
      await as('head', COUNTY),
      `/console/escalation/incidents/${id}/clocks/written_report/meet`,
      { reportedTo: '广州市税务局', reference: '穗天税发〔2026〕22号' },
      true,
    );
    expect(met.status).toBe(303);
    expect(await clockRow(id, 'first_report')).toContain(
      '<small class="met-report">电话/口头首报，报送：广州市税务局办公室</small>',
    );
    expect(await clockRow(id, 'written_report')).toContain(
      '<small class="met-report">书面报告，报送：广州市税务局，文号：穗天税发〔2026〕22号</small>',
    );
  });
});
