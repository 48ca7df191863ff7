import { IncidentsService } from '../../../src/incidents/incidents.service';
import { createTestApp, TestApp } from '../../support/app';
import { confirmedIncident, seedContacts } from '../escalation/escalation-harness';
import { makeIncident } from '../incidents/incident-helpers';

/**
 * Issue 12 points 1, 3 and 4: one authorization rule per action (src/auth/policy), the same on every route, page and
 * link. Real HTTP, real PostgreSQL; the rule itself is unit-tested once per role in src/auth/policy/policy.spec.ts.
 */
describe('authorization: one rule per action, every route (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  const s: Record<string, string> = {}; // session cookies by user

  beforeAll(async () => {
    t = await createTestApp();
    await seedContacts(t.ds, ['440106', '4401', '4402', '44', '00', '3301', '33']);
    const users: [string, 'admin' | 'monitor' | 'head' | 'hq_analyst', string][] = [
      ['hq-admin', 'admin', '00'],
      ['gd-admin', 'admin', '44'],
      ['gd-monitor', 'monitor', '44'],
      ['gd-analyst', 'hq_analyst', '44'],
      ['sz-monitor', 'monitor', '4402'], // 韶关: the unit of the incidents below
      ['sz-head', 'head', '4402'],
      ['gz-monitor', 'monitor', '4401'],
      ['zj-head', 'head', '33'],
      ['hz-head', 'head', '3301'],
    ];
    for (const [name, role, bureau] of users) s[name] = await t.userWithSession(name, role, bureau);
  });
  afterAll(() => t?.close());

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* an HTML page */
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: parsed as any, location: res.headers.get('location') };
  };
  const form = (cookie: string, path: string, data: Record<string, string>) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(data).toString(),
      redirect: 'manual',
    });
  const incident = async (id: string) =>
    (
      await t.ds.query(`SELECT status, version, auto_confirmed AS auto FROM incidents WHERE id = $1`, [id])
    )[0] as { status: string; version: number; auto: boolean };
  const liveClocks = async (id: string) =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n FROM escalation_clocks WHERE subject_id = $1 AND status IN ('running','missed')`,
        [id],
      )
    )[0].n as number;
  const findings = (id: string) =>
    t.ds.query(
      `SELECT kind, bureau_code AS "bureauCode", evidence FROM reporting_findings WHERE incident_id = $1 ORDER BY id`,
      [id],
    );

  describe('point 1: confirm and dismiss', () => {
    it('issue 12 point 1: a head cannot dismiss or confirm through /transition', async () => {
      const auto = await makeIncident(t, { bureauCode: '4402', gradeHint: 'II' });
      expect(await incident(auto)).toMatchObject({ status: 'confirmed', auto: true });
      expect(await liveClocks(auto)).toBeGreaterThan(0);
      const { version } = await incident(auto);

      const dismissed = await call(s['sz-head'], 'POST', `/api/incidents/${auto}/transition`, {
        action: 'dismiss',
        reason: '误报',
        expectedVersion: version,
      });
      expect(dismissed).toMatchObject({ status: 403, body: { code: 'AUTH_ROLE_FORBIDDEN' } });
      // the same answer on the dedicated route and in the console
      expect(
        (
          await call(s['sz-head'], 'POST', `/api/incidents/${auto}/dismiss`, {
            reason: '误报',
            expectedVersion: version,
          })
        ).status,
      ).toBe(403);
      const page = await form(s['sz-head'], `/console/incidents/${auto}/act`, {
        op: 'dismiss',
        reason: '误报',
        expectedVersion: String(version),
      });
      expect(page.status).toBe(303);
      expect(decodeURIComponent(page.headers.get('location')!)).toContain('err=');
      expect(await incident(auto)).toMatchObject({ status: 'confirmed', version });
      expect(await liveClocks(auto)).toBeGreaterThan(0);

      const fresh = await makeIncident(t, { bureauCode: '4402' });
      const confirmed = await call(s['sz-head'], 'POST', `/api/incidents/${fresh}/transition`, {
        action: 'confirm',
        expectedVersion: 1,
      });
      expect(confirmed).toMatchObject({ status: 403, body: { code: 'AUTH_ROLE_FORBIDDEN' } });
      expect((await incident(fresh)).status).toBe('new');

      // the head keeps the lifecycle steps that are theirs
      const ack = await call(s['sz-head'], 'POST', `/api/incidents/${auto}/transition`, {
        action: 'acknowledge',
        expectedVersion: version,
      });
      expect(ack).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
      // and the detail offers them only what they may do
      const detail = await call(s['sz-head'], 'GET', `/api/incidents/${fresh}`);
      expect(detail.body.allowedActions).toEqual([]);
    });

    it('issue 12 point 1: a unit dismissing its own auto-confirmed incident is recorded as suspected concealment', async () => {
      const own = await makeIncident(t, { bureauCode: '4402', gradeHint: 'II' });
      const res = await call(s['sz-monitor'], 'POST', `/api/incidents/${own}/dismiss`, {
        reason: '误报',
        comment: '与本局无关',
        expectedVersion: (await incident(own)).version,
      });
      expect(res).toMatchObject({ status: 200, body: { status: 'dismissed' } });
      expect(await findings(own)).toEqual([
        {
          kind: 'suspected_concealment',
          bureauCode: '4402',
          evidence: expect.objectContaining({
            how: 'dismissed_after_confirmation',
            dismissedBy: expect.stringContaining('sz-monitor'),
            dismissReason: '误报',
            grade: 'II',
          }),
        },
      ]);
      const [event] = await t.ds.query(
        `SELECT comment FROM incident_events WHERE incident_id = $1 AND action = 'reporting_finding'`,
        [own],
      );
      expect(event.comment).toContain('疑似瞒报');
      // visible to the superior in its findings list
      const list = await call(s['gd-monitor'], 'GET', `/api/escalation/findings?kind=suspected_concealment`);
      expect(list.body.map((f: { incidentId: string }) => f.incidentId)).toContain(own);

      // the superior's own decision is its judgement, not the unit hiding anything
      const other = await makeIncident(t, { bureauCode: '4402', gradeHint: 'II' });
      const bySuperior = await call(s['gd-monitor'], 'POST', `/api/incidents/${other}/dismiss`, {
        reason: '误报',
        expectedVersion: (await incident(other)).version,
      });
      expect(bySuperior.status).toBe(200);
      expect(await findings(other)).toEqual([]);
    });
  });

  describe('point 3: settings owned by HQ, decisions within the subject bureau', () => {
    it("issue 12 point 3: a provincial admin cannot change HQ's or another province's routing rules", async () => {
      const rules = (await call(s['gd-admin'], 'GET', '/api/escalation/routing-rules')).body;
      const hqRule = rules.find((r: { bureauCode: string }) => r.bureauCode === '00');
      expect(hqRule).toBeDefined();
      const rule = (body: Record<string, unknown>) =>
        call(s['gd-admin'], 'POST', '/api/escalation/routing-rules', {
          name: '测试规则',
          category: '系统故障',
          ...body,
        });
      expect((await rule({ regionPrefix: '33', bureauCode: '3301' })).status).toBe(403);
      expect((await rule({ regionPrefix: '4401', bureauCode: '3301' })).status).toBe(403);
      expect((await rule({ bureauCode: '44' })).status).toBe(403); // no region: every province's incidents
      expect((await rule({ regionPrefix: '44', bureauCode: '44' })).status).toBe(403); // 44… includes 深圳 4403
      expect(
        (await call(s['gd-admin'], 'PATCH', `/api/escalation/routing-rules/${hqRule.id}`, { enabled: false }))
          .status,
      ).toBe(403);
      expect(await t.ds.query(`SELECT enabled FROM routing_rules WHERE id = $1`, [hqRule.id])).toEqual([
        { enabled: true },
      ]);
      expect(await t.ds.query(`SELECT 1 FROM routing_rules WHERE name = '测试规则'`)).toEqual([]);

      const mine = await rule({ regionPrefix: '4401', bureauCode: '44' });
      expect(mine).toMatchObject({ status: 201, body: { bureauCode: '44', regionPrefix: '4401' } });
      expect(
        (
          await call(s['gd-admin'], 'PATCH', `/api/escalation/routing-rules/${mine.body.id}`, {
            enabled: false,
          })
        ).status,
      ).toBe(200);
      expect(
        (await call(s['hq-admin'], 'PATCH', `/api/escalation/routing-rules/${hqRule.id}`, { enabled: true }))
          .status,
      ).toBe(200);
    });

    it('issue 12 point 3: only an HQ admin edits the national escalation policies', async () => {
      const [ii] = (await call(s['gd-admin'], 'GET', '/api/escalation/policies')).body.filter(
        (p: { policyKey: string }) => p.policyKey === 'II',
      );
      const put = (cookie: string) =>
        call(cookie, 'PUT', '/api/escalation/policies/II', { policy: ii.policy, comment: '试改' });
      expect(await put(s['gd-admin'])).toMatchObject({ status: 403 });
      const page = await form(s['gd-admin'], '/console/escalation/policies/II', {
        policy: JSON.stringify(ii.policy),
        comment: '试改',
      });
      expect(page.status).toBe(403);
      expect(
        (await t.ds.query(`SELECT count(*)::int AS n FROM escalation_policies WHERE policy_key = 'II'`))[0].n,
      ).toBe(0);
      const editor = await (
        await fetch(`${t.url}/console/escalation/policies`, { headers: { cookie: s['gd-admin'] } })
      ).text();
      expect(editor).not.toContain('保存为新版本');
      expect(await put(s['hq-admin'])).toMatchObject({ status: 200, body: { version: 1 } });
    });

    it("issue 12 point 3: another province's extension requests and explanation tasks are out of reach", async () => {
      const zj = await confirmedIncident(t.ds, t.get(IncidentsService), t.clock, {
        bureau: '3301',
        region: '330100',
      });
      const [clock] = await t.ds.query(
        `SELECT id, due_at FROM escalation_clocks WHERE subject_id = $1 AND kind = 'response'`,
        [zj],
      );
      const [req] = await t.ds.query(
        `INSERT INTO extension_requests (clock_id, subject_kind, subject_id, bureau_code, approver_bureau_code,
                requested_by_email, reason, current_due_at, requested_due_at, created_at)
         VALUES ($1, 'incident', $2, '3301', '33', 'head.3301@tax.example.cn', '等待调查结果', $3, $4, $5) RETURNING id::text`,
        [clock.id, zj, clock.due_at, new Date(clock.due_at.getTime() + 3_600_000), t.clock.now()],
      );
      const decide = (cookie: string) =>
        call(cookie, 'POST', `/api/escalation/extensions/${req.id}/decision`, { approve: true });
      expect((await decide(s['gd-admin'])).status).toBe(403);
      expect(
        (await form(s['gd-admin'], `/console/escalation/extensions/${req.id}`, { decision: 'approve' }))
          .status,
      ).toBe(403);
      const queue = (await call(s['gd-admin'], 'GET', '/api/escalation/extensions')).body;
      expect(queue.map((r: { id: string }) => r.id)).not.toContain(req.id);
      expect((await decide(s['hz-head'])).status).toBe(403); // the unit itself
      expect((await decide(s['zj-head'])).status).toBe(201); // its superior

      const now = t.clock.now();
      const [bulletin] = await t.ds.query(
        `INSERT INTO statistics_bulletins (month, scope_code, version, status, snapshot, figures_hash, generated_at, created_at)
         VALUES ('2026-10', '33', 1, 'draft', '{}', 'x', $1, $1) RETURNING id::text`,
        [now],
      );
      const [task] = await t.ds.query(
        `INSERT INTO explanation_tasks (month, scope_code, bureau_code, bulletin_id, flags, reason, due_at, created_at)
         VALUES ('2026-10', '33', '3301', $1, ARRAY['bottom'], '综合排名靠后', $2, $2) RETURNING id::text`,
        [bulletin.id, new Date(now.getTime() + 86_400_000)],
      );
      const answer = (cookie: string) =>
        call(cookie, 'POST', `/api/statistics/tasks/${task.id}/answer`, { answer: '情况说明：……' });
      expect((await answer(s['gd-admin'])).status).toBe(403);
      expect((await answer(s['zj-head'])).status).toBe(403); // the superior does not answer for the unit
      expect(
        (await t.ds.query(`SELECT status FROM explanation_tasks WHERE id = $1`, [task.id]))[0].status,
      ).toBe('open');
      expect(await answer(s['hz-head'])).toMatchObject({ status: 200, body: { status: 'answered' } });
    });
  });

  describe('point 4: the escalation simulator', () => {
    const simulate = (cookie: string, bureau: string) =>
      call(cookie, 'POST', '/api/escalation/simulate', { grade: 'II', bureau });
    const people = (mails: { recipients: { email: string | null; bureauCode: string }[] }[]) =>
      mails.flatMap((m) => m.recipients);

    it("issue 12 point 4: the simulator never shows contacts outside the caller's scope", async () => {
      expect((await simulate(s['gd-monitor'], '3301')).status).toBe(403); // another province
      expect((await simulate(s['gd-analyst'], '44')).status).toBe(403); // not a role that needs it

      const res = await simulate(s['gz-monitor'], '440106');
      expect(res.status).toBe(201);
      const all = people(res.body.mails);
      const shown = all.filter((r) => r.email !== null);
      const hidden = all.filter((r) => r.email === null);
      expect(new Set(shown.map((r) => r.bureauCode))).toEqual(new Set(['440106', '4401']));
      expect(new Set(hidden.map((r) => r.bureauCode))).toEqual(new Set(['44', '00']));
      expect(JSON.stringify(res.body)).not.toMatch(/"\w+-(44|00)"|\.(44|00)@/); // names and addresses
      expect(hidden[0]).toMatchObject({ name: null, email: null, role: expect.any(String) });

      const hq = people((await simulate(s['hq-admin'], '440106')).body.mails);
      expect(hq.every((r) => r.email !== null)).toBe(true);
    });

    it('refuses an instant that is not on the calendar (02-30, hour 25) instead of rolling it into March', async () => {
      for (const at of ['2026-02-30T10:00:00+08:00', '2026-11-02T25:00:00+08:00']) {
        const res = await call(s['gz-monitor'], 'POST', '/api/escalation/simulate', {
          grade: 'II',
          bureau: '440106',
          at,
        });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain('at 应为真实存在的 ISO 8601 日期时间');
      }
      const ok = { grade: 'II', bureau: '440106', at: '2026-02-28T10:00:00+08:00' };
      expect((await call(s['gz-monitor'], 'POST', '/api/escalation/simulate', ok)).status).toBe(201);
    });
  });
});
