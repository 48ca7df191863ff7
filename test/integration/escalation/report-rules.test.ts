import type { Role } from '../../../src/auth/roles';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { IncidentEditsService } from '../../../src/incidents/triage/incident-edits.service';
import type { Grade } from '../../../src/incidents/incident.types';
import { MailSender } from '../../../src/notifications/mail-sender.service';
import { EscalationEngine } from '../../../src/escalation/engine/escalation.engine';
import { TestApp } from '../../support/app';
import { json } from '../../support/http';
import { SmtpTestServer } from '../notifications/smtp-test-server';
import {
  addr,
  confirmedIncident,
  COUNTY,
  linksIn,
  MinuteDriver,
  useEscalationApp,
} from './escalation-harness';

/**
 * One rule per act, whatever the route (newcomer trial findings): submitting a 舆情专报 is a 上报 (and 签收) and is
 * refused to whoever the incident routes refuse; a 书面报告 needs its 文号, the 上报 rule and a 首报 before it, on the
 * API as on the console; mails and pages word what the incident really has; a review request reaches the monitors.
 */
describe('report rules across routes (real PostgreSQL, real SMTP)', () => {
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
  /** A fresh logged-in user (each test moves the clock a day on, past any earlier session). */
  const as = (role: Role, bureau: string, name = `rr-${role}-${bureau}-${++made}`): Promise<string> =>
    t.userWithSession(name, role, bureau);
  const call = (cookie: string, path: string, body: unknown, type = 'application/json') =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': type, accept: 'application/json' },
      body:
        type === 'application/json' ? JSON.stringify(body) : new URLSearchParams(body as never).toString(),
    });
  const incidentRow = async (id: string) =>
    (await t.ds.query(`SELECT status, version FROM incidents WHERE id = $1`, [id]))[0];
  const clocks = async (id: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      (
        await t.ds.query(`SELECT kind, status FROM escalation_clocks WHERE subject_id = $1 ORDER BY id`, [id])
      ).map((c: { kind: string; status: string }) => [c.kind, c.status]),
    );
  const newIncident = (grade: Grade = 'II') => confirmedIncident(t.ds, incidents, t.clock, { grade });

  describe('issue 1: a 舆情专报 submission is a 上报, decided by the incident’s own rules', () => {
    it('an HQ analyst may draft but not submit; nothing changes on the incident', async () => {
      const id = await newIncident();
      const analyst = await as('hq_analyst', '00');
      const { version } = await incidentRow(id);
      // the incident routes refuse the analyst …
      const viaTransition = await call(analyst, `/api/incidents/${id}/transition`, {
        action: 'report',
        expectedVersion: version,
      });
      expect(viaTransition.status).toBe(403);
      // … so the special report route does too, with the same rule's refusal
      const draft = await call(analyst, '/api/special-reports', { incidentId: id });
      expect(draft.status).toBe(201); // drafting changes nothing: open to every role
      const reportId = (await json(draft)).id;
      const submit = await call(analyst, `/api/special-reports/${reportId}/submit`, {
        addressee: '总局办公厅',
        reference: '税总舆〔2026〕1号',
      });
      expect(submit.status).toBe(403);
      // the refusal names the act a submission is (上报), not the 签收 it would also do
      expect(await json(submit)).toMatchObject({
        code: 'AUTH_ROLE_FORBIDDEN',
        message: expect.stringContaining('无权上报事件'),
      });
      // the form is read after the rule, as on every report route: the analyst is refused, not told the form
      const noReference = await call(analyst, `/api/special-reports/${reportId}/submit`, {
        addressee: '总局办公厅',
      });
      expect(noReference.status).toBe(403);
      expect((await incidentRow(id)).status).toBe('confirmed');
      expect(await clocks(id)).toMatchObject({ acknowledge: 'running', first_report: 'running' });
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM outbox_emails WHERE incident_id = $1 AND kind = 'escalation.status'`,
        [id],
      );
      expect(n).toBe(0);
      const page = await (
        await fetch(`${t.url}/console/special-reports/${reportId}`, { headers: { cookie: analyst } })
      ).text();
      expect(page).not.toContain(`/console/special-reports/${reportId}/submit`);
      expect(page).toContain('须由有权上报该事件的人员');

      // the unit's head may: without a 文号 refused by the 上报 form's rule, then the same submission acknowledges
      // and reports
      const head = await as('head', COUNTY);
      for (const [form, message] of [
        [{ addressee: '广州市税务局办公室' }, '书面报告请填写文号'],
        [{ addressee: 7, reference: '穗天税舆〔2026〕3号' }, '请填写报送对象'],
      ] as const) {
        const refused = await call(head, `/api/special-reports/${reportId}/submit`, form);
        expect({ status: refused.status, message: (await json(refused)).message }).toEqual({
          status: 400,
          message: expect.stringContaining(message),
        });
      }
      expect((await incidentRow(id)).status).toBe('confirmed');
      const byHead = await call(head, `/api/special-reports/${reportId}/submit`, {
        addressee: '广州市税务局办公室',
        reference: '穗天税舆〔2026〕3号',
      });
      expect(byHead.status).toBe(201);
      expect((await incidentRow(id)).status).toBe('reported');
      expect(await clocks(id)).toMatchObject({
        acknowledge: 'met',
        first_report: 'met',
        written_report: 'met',
      });
    });

    it('a head of another province is refused for reach, as on the incident routes', async () => {
      const id = await newIncident();
      const draft = await call(await as('monitor', COUNTY), '/api/special-reports', { incidentId: id });
      const reportId = (await json(draft)).id;
      const res = await call(await as('head', '45'), `/api/special-reports/${reportId}/submit`, {
        addressee: 'x',
        reference: 'y',
      });
      expect(res.status).toBe(403);
      expect((await incidentRow(id)).status).toBe('confirmed');
    });
  });

  describe('issue 2: a 书面报告 has one rule on every route', () => {
    const meet = (cookie: string, id: string, body: Record<string, string>, consoleRoute = false) =>
      consoleRoute
        ? call(
            cookie,
            `/console/escalation/incidents/${id}/clocks/written_report/meet`,
            body,
            'application/x-www-form-urlencoded',
          )
        : call(cookie, `/api/escalation/incidents/${id}/clocks/written_report/meet`, body);
    const form = { reportedTo: '广州市税务局办公室', reference: '穗天税发〔2026〕9号' };

    it('needs a 文号, the 上报 rule, and a 首报 before it (409 in Chinese), on the API and the console', async () => {
      const id = await newIncident();
      const monitor = await as('monitor', COUNTY);
      expect((await meet(monitor, id, {})).status).toBe(400);
      const noRef = await meet(monitor, id, { reportedTo: '广州市税务局办公室' });
      expect(noRef.status).toBe(400);
      expect((await json(noRef)).message).toContain('书面报告请填写文号');
      expect((await meet(await as('hq_analyst', '00'), id, form)).status).toBe(403);
      expect((await meet(await as('monitor', '45'), id, form)).status).toBe(403);
      const early = await meet(monitor, id, form);
      expect(early.status).toBe(409);
      expect((await json(early)).message).toContain('书面报告须在首报之后');
      // the console form is sent back to its page with the reason beside the clocks, not to an error page
      for (const body of [form, { reportedTo: '广州市税务局办公室' }]) {
        const refused = await meet(monitor, id, body, true);
        expect(refused.status).toBe(303);
        const back = new URL(refused.headers.get('location')!, t.url);
        expect(back.pathname).toBe(`/console/escalation/incidents/${id}`);
        expect(back.searchParams.get('err')).toMatch(
          'reference' in body ? /书面报告须在首报之后/ : /书面报告请填写文号/,
        );
      }
      expect(await clocks(id)).toMatchObject({ written_report: 'running' });
      // the console offers no button before the 首报; the reason carried back is shown on the page
      const page = await (
        await fetch(
          `${t.url}/console/escalation/incidents/${id}?err=${encodeURIComponent('书面报告请填写文号')}`,
          {
            headers: { cookie: monitor },
          },
        )
      ).text();
      expect(page).toMatch(
        /<div class="alert alert-error flash" role="alert">书面报告请填写文号<\/div>\s*<div class="card" id="clocks">/,
      );
      expect(page).toContain('首报完成后登记');
      expect(page).not.toContain('clocks/written_report/meet');
    });

    it('after the 首报 it is recorded with its 文号, from the console form', async () => {
      const id = await newIncident();
      const head = await as('head', COUNTY);
      for (const action of ['acknowledge', 'report']) {
        const { version } = await incidentRow(id);
        const body = {
          action,
          expectedVersion: version,
          reportType: 'phone',
          reportedTo: '广州市税务局办公室',
        };
        expect((await call(head, `/api/incidents/${id}/transition`, body)).status).toBe(200);
      }
      const page = await (
        await fetch(`${t.url}/console/escalation/incidents/${id}`, { headers: { cookie: head } })
      ).text();
      expect(page).toContain('name="reference"');
      const res = await meet(head, id, form, true);
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location')!, t.url).searchParams.get('msg')).toBe(
        '已记录「书面报告」完成',
      );
      expect(await clocks(id)).toMatchObject({ first_report: 'met', written_report: 'met' });
      const [ev] = await t.ds.query(
        `SELECT after, comment FROM incident_events WHERE incident_id = $1 AND action = 'written_report'`,
        [id],
      );
      expect(ev.after).toMatchObject({ reportType: 'written', reference: '穗天税发〔2026〕9号' });
      expect((await meet(head, id, form)).status).toBe(409); // already met
    });
  });

  describe('issue 3: what mails and pages say', () => {
    it('the escalation page labels every reason in Chinese and shows the transport’s answer only to admins', async () => {
      const t0 = t.clock.now();
      const id = await newIncident('III');
      const driver = new MinuteDriver(t.clock, t0, smtp);
      await driver.run(0, 0, [{ engine, sender }]);
      const links = linksIn(
        driver.arrivals.find((a) => a.to === addr('head', COUNTY))!.parsed.html as string,
      );
      const done = await fetch(links['已上报'], {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reportType: 'phone', reportedTo: '广州市税务局办公室' }).toString(),
      });
      const text = await done.text();
      expect(text).toContain('已记录向上级报告');
      // a grade Ⅲ incident has no written report: the result names only the response still running
      expect(text).toContain('后续「权威信息发布（回应）」时限仍在计时');
      await driver.run(1, 1, [{ engine, sender }]);
      const note = driver.arrivals.find((a) => a.subject.includes('已上报：'))!;
      expect(note.parsed.text).not.toContain('书面报告');
      expect(note.parsed.text).toMatch(/已于 \S+ \S+ 向上级报告/);

      const monitor = await as('monitor', COUNTY);
      const page = await (
        await fetch(`${t.url}/console/escalation/incidents/${id}`, { headers: { cookie: monitor } })
      ).text();
      expect(page).toContain('上报告知');
      expect(page).not.toMatch(/<td>reported/);
      expect(page).toContain('发送成功');
      expect(page).not.toContain('发送成功：250');
      const admin = await as('admin', '00');
      const adminPage = await (
        await fetch(`${t.url}/console/escalation/incidents/${id}`, { headers: { cookie: admin } })
      ).text();
      expect(adminPage).toContain('发送成功：250');
    });

    it('a grade Ⅳ 签收 note mentions no report or response clock', async () => {
      const t0 = t.clock.now();
      const id = await newIncident('IV');
      const driver = new MinuteDriver(t.clock, t0, smtp);
      await driver.run(0, 0, [{ engine, sender }]);
      const start = driver.arrivals.find((a) => a.to === addr('head', COUNTY))!;
      expect(start.parsed.text).not.toMatch(/向上级报告|权威信息/);
      const head = await as('head', COUNTY, 'rr-nanshan-head');
      const { version } = await incidentRow(id);
      await call(head, `/api/incidents/${id}/transition`, {
        action: 'acknowledge',
        expectedVersion: version,
      });
      await driver.run(1, 1, [{ engine, sender }]);
      const note = driver.arrivals.find((a) => a.subject.includes('已签收：'))!;
      expect(note.parsed.text).toMatch(/rr-nanshan-head已于 \S+ \S+ 签收。/);
      expect(note.parsed.text).toContain('本事件已无进行中的时限');
      expect(note.parsed.text).not.toMatch(/上报|书面报告|回应时限/);
    });

    it('申请复核 queues, in its transaction, a notice to the unit’s monitoring staff with who, why and a link', async () => {
      const t0 = t.clock.now();
      const id = await newIncident();
      await as('monitor', COUNTY, 'rr-review-monitor');
      await t.ds.query(
        `UPDATE users SET email = 'monitor@440106.example.cn' WHERE username = 'rr-review-monitor'`,
      );
      const driver = new MinuteDriver(t.clock, t0, smtp);
      await driver.run(0, 0, [{ engine, sender }]);
      const links = linksIn(
        driver.arrivals.find((a) => a.to === addr('head', COUNTY))!.parsed.html as string,
      );
      const post = (reason: string) =>
        fetch(links['申请复核'], {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ reason }).toString(),
        });
      expect((await post('x')).status).toBe(400); // a form mistake rolls back: nothing queued
      const review = () =>
        t.ds.query(
          `SELECT to_email, subject, text_body FROM outbox_emails WHERE incident_id = $1 AND kind = 'escalation.review_requested'
            ORDER BY to_email`,
          [id],
        );
      expect(await review()).toEqual([]);
      const res = await post('视频为外省办税厅，非本单位');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('已通知舆情监测岗（2 人）');
      const mails = await review();
      expect(mails.map((m: { to_email: string }) => m.to_email)).toEqual([
        addr('liaison', COUNTY),
        'monitor@440106.example.cn',
      ]);
      expect(mails[0].subject).toContain('申请复核');
      expect(mails[0].text_body).toContain(addr('head', COUNTY));
      expect(mails[0].text_body).toContain('视频为外省办税厅，非本单位');
      expect(mails[0].text_body).toContain(`${t.url}/console/incidents/${id}`);
      // the timeline names who asked (the link's holder), not 系统
      const [ev] = await t.ds.query(
        `SELECT actor_label FROM incident_events WHERE incident_id = $1 AND action = 'review_requested'`,
        [id],
      );
      expect(ev.actor_label).toBe('head-440106（邮件链接）');
      // and the notices are listed in the incident's 通知记录 with the others
      const page = await (
        await fetch(`${t.url}/console/escalation/incidents/${id}`, {
          headers: { cookie: await as('monitor', COUNTY, 'rr-review-reader') },
        })
      ).text();
      const rows = [...page.matchAll(/<tr>[^]*?<\/tr>/g)]
        .map((m) => m[0])
        .filter((r) => r.includes('申请复核提醒'));
      expect(rows).toHaveLength(2);
      for (const [email, role] of [
        ['monitor@440106.example.cn', '舆情监测岗'],
        [addr('liaison', COUNTY), '舆情联络员'],
      ]) {
        const block = page.slice(page.indexOf(`data-recipient="${email}"`));
        expect(block).toMatch(new RegExp(`^[^]*?<h3>[^<]*（${role}，440106）`));
        expect(block.slice(0, block.indexOf('</table>'))).toContain('申请复核提醒');
      }
    });
  });

  describe('a reassignment and the mails still queued', () => {
    it('skips the old unit’s notices not yet sent (their links would be refused); the new unit is told', async () => {
      const id = await newIncident('IV'); // a Ⅳ notice waits for the digest window: still pending here
      const before = await t.ds.query(
        `SELECT to_email, status FROM outbox_emails WHERE incident_id = $1 AND kind = 'escalation.start'`,
        [id],
      );
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((r: { status: string }) => r.status === 'pending')).toBe(true);
      await t
        .get(IncidentEditsService)
        .reassign(id, '4401', { userId: null, label: '测试' }, { comment: '属市局' });
      const rows = await t.ds.query(
        `SELECT kind, to_email, status, last_error FROM outbox_emails WHERE incident_id = $1 ORDER BY id`,
        [id],
      );
      const old = rows.filter((r: { kind: string }) => r.kind === 'escalation.start');
      expect(old.map((r: { status: string }) => r.status)).toEqual(old.map(() => 'skipped'));
      expect(old[0].last_error).toContain('事件已改派');
      const told = rows.filter((r: { kind: string }) => r.kind === 'escalation.reassigned');
      expect(told.length).toBeGreaterThan(0);
      expect(
        told.every(
          (r: { status: string; to_email: string }) =>
            r.status === 'pending' && r.to_email.endsWith('.4401@tax.example.cn'),
        ),
      ).toBe(true);
    });
  });

  describe('urgency of the notices', () => {
    it('a grade Ⅱ notice to the unit is queued urgent (never held for a digest), a grade Ⅳ one normal', async () => {
      const urgent = await newIncident('II');
      const plain = await newIncident('IV');
      const priorities = async (id: string) =>
        (
          await t.ds.query(
            `SELECT DISTINCT priority FROM outbox_emails WHERE incident_id = $1 AND kind LIKE 'escalation.%'`,
            [id],
          )
        ).map((r: { priority: number }) => r.priority);
      expect(await priorities(urgent)).toEqual([3]);
      expect(await priorities(plain)).toEqual([1]);
    });
  });
});
