import { IncidentsService } from '../../../src/incidents/incidents.service';
import { createTestApp, TestApp } from '../../support/app';
import { get, makeIncident, post, versionOf } from './incident-helpers';

const person = { userId: null, label: '测试' };

/**
 * Newcomer trial, findings 3 and 4: pending 申请复核 are visible where monitors work and can be answered on the record;
 * one comment limit, status=all on the API, bulk self-merge explained, one refusal order and code, reopen's reason.
 */
describe('review requests and consistent incident routes (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let gd: string;
  let zj: string;
  let gdHead: string;

  beforeAll(async () => {
    t = await createTestApp();
    [gd, zj, gdHead] = await Promise.all([
      t.userWithSession('gd-monitor', 'monitor', '44'),
      t.userWithSession('zj-monitor', 'monitor', '33'),
      t.userWithSession('gd-head', 'head', '44'),
    ]);
  });
  afterAll(() => t?.close());

  const page = async (cookie: string, path: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
    return res.text();
  };
  const act = async (cookie: string, id: string, fields: Record<string, string>) => {
    const res = await fetch(`${t.url}/console/incidents/${id}/act`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: t.url },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    const to = new URL(res.headers.get('location')!, t.url);
    return { msg: to.searchParams.get('msg'), err: to.searchParams.get('err') };
  };
  /** What src/escalation/links/link-actions.service.ts writes when a head presses 申请复核 in a mail. */
  const requestReview = (id: string, reason: string) =>
    t.ds.query(
      `INSERT INTO incident_events (incident_id, at, actor_label, action, after, comment)
       VALUES ($1, $2, '系统', 'review_requested', $3, $4)`,
      [id, t.clock.now(), JSON.stringify({ by: 'head@gz.example.cn', reason }), `申请复核为误报：${reason}`],
    );
  const events = (id: string, action: string) =>
    t.ds.query(
      `SELECT actor_label AS actor, before, after, comment FROM incident_events
       WHERE incident_id = $1 AND action = $2 ORDER BY id`,
      [id, action],
    );

  it('shows pending review requests: 待复核 filter and count, a badge on the row and the detail page', async () => {
    const id = await makeIncident(t, { bureauCode: '4401' });
    const other = await makeIncident(t, { bureauCode: '4401' });
    await post(t, gd, `/api/incidents/${id}/confirm`, { expectedVersion: 1 });
    await requestReview(id, '系广告营销帖，非真实投诉');
    const list = await get(t, gd, '/api/incidents?status=all&pendingReview=true');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(list.body.items[0].reviewPending).toBe(true);
    const all = await get(t, gd, '/api/incidents?status=all');
    expect(all.body.items.find((i: { id: string }) => i.id === other).reviewPending).toBe(false);
    expect((await get(t, gd, '/api/incidents/counts')).body.pendingReview).toEqual({
      count: 1,
      capped: false,
    });
    const queue = await page(gd, '/console/incidents?status=all&pendingReview=1');
    expect(queue).toContain(`data-id="${id}"`);
    expect(queue).not.toContain(`data-id="${other}"`);
    expect(queue).toContain('class="badge review-pending"');
    expect(queue).toMatch(/data-status="pendingReview"[^>]*>待复核<span class="n">1/);
    const detail = await page(gd, `/console/incidents/${id}`);
    expect(detail).toContain('id="review-pending"');
    expect(detail).toContain('系广告营销帖，非真实投诉');
    expect(detail).toContain('复核结论');
  });

  it('answers a review under the triage rules, always with a reason on the record', async () => {
    const id = await makeIncident(t, { bureauCode: '4401', gradeHint: 'III' });
    await post(t, gd, `/api/incidents/${id}/confirm`, { expectedVersion: 1 });
    const v = await versionOf(t, id);
    expect(
      (
        await post(t, gd, `/api/incidents/${id}/review`, {
          expectedVersion: v,
          decision: 'uphold',
          reason: '仍在发酵',
        })
      ).body.code,
    ).toBe('INCIDENT_REVIEW_NOT_PENDING');
    await requestReview(id, '误报');
    const body = { expectedVersion: v, decision: 'uphold', reason: '多名纳税人实名反映，情况属实' };
    expect((await post(t, gdHead, `/api/incidents/${id}/review`, body)).body.code).toBe(
      'AUTH_ROLE_FORBIDDEN',
    );
    expect((await post(t, zj, `/api/incidents/${id}/review`, body)).body.code).toBe('AUTH_OUT_OF_SCOPE');
    expect((await post(t, gd, `/api/incidents/${id}/review`, { ...body, reason: '' })).status).toBe(400);
    const upheld = await post(t, gd, `/api/incidents/${id}/review`, body);
    expect(upheld).toMatchObject({ status: 200, body: { status: 'confirmed', version: v + 1 } });
    expect(await events(id, 'review_answered')).toMatchObject([
      {
        actor: 'gd-monitor',
        before: { requestedBy: 'head@gz.example.cn', requestReason: '误报' },
        after: { decision: 'uphold' },
        comment: '维持原研判：多名纳税人实名反映，情况属实',
      },
    ]);
    const stillPending = (await get(t, gd, '/api/incidents?status=all&pendingReview=true')).body.items;
    expect(stillPending.map((i: { id: string }) => i.id)).not.toContain(id);

    await requestReview(id, '影响很小');
    const r = await act(gd, id, {
      op: 'review',
      expectedVersion: String(upheld.body.version),
      decision: 'regrade',
      grade: 'IV',
      reason: '核实为个别纳税人误解',
    });
    expect(r).toEqual({ msg: '已提交复核结论：改判等级', err: null });
    expect((await events(id, 'regrade')).at(-1)).toMatchObject({
      after: { grade: 'IV' },
      comment: '核实为个别纳税人误解',
    });
    expect((await events(id, 'review_answered')).at(-1)).toMatchObject({
      after: { decision: 'regrade', grade: 'IV' },
    });
  });

  it('refuses a comment over 4,000 characters on the console as on the API, in Chinese, storing nothing', async () => {
    const id = await makeIncident(t, { bureauCode: '4401' });
    const long = '很'.repeat(5000);
    const api = await post(t, gd, `/api/incidents/${id}/comment`, { expectedVersion: 1, comment: long });
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.body)).toContain('4000');
    const r = await act(gd, id, { op: 'comment', expectedVersion: '1', comment: long });
    expect(r.err).toContain('备注最多 4000 字');
    expect(await events(id, 'comment')).toEqual([]);
    const ok = await act(gd, id, { op: 'comment', expectedVersion: '1', comment: '很'.repeat(4000) });
    expect(ok.msg).toBe('备注已添加');
  });

  it('accepts status=all on the API, as the README and the console do', async () => {
    const a = await makeIncident(t, { bureauCode: '4405' });
    const b = await makeIncident(t, { bureauCode: '4405' });
    await post(t, gd, `/api/incidents/${b}/dismiss`, { expectedVersion: 1, reason: '误报' });
    const res = await get(t, gd, '/api/incidents?status=all&bureau=4405');
    expect(res.status).toBe(200);
    expect(new Set(res.body.items.map((i: { id: string }) => i.id))).toEqual(new Set([a, b]));
  });

  it('explains a bulk merge into itself instead of answering an empty 200', async () => {
    const a = await makeIncident(t, { bureauCode: '4406' });
    const b = await makeIncident(t, { bureauCode: '4406' });
    const self = await post(t, gd, '/api/incidents/bulk', {
      op: 'merge',
      intoId: a,
      items: [{ id: a, expectedVersion: 1 }],
    });
    expect(self).toMatchObject({ status: 400, body: { code: 'INCIDENT_BAD_INPUT' } });
    expect(self.body.message).toContain('不能把事件合并到它自己');
    const mixed = await post(t, gd, '/api/incidents/bulk', {
      op: 'merge',
      intoId: a,
      items: [
        { id: a, expectedVersion: 1 },
        { id: b, expectedVersion: 1 },
      ],
    });
    expect(mixed.body.outcomes).toEqual([
      { id: a, ok: false, error: '这是合并的目标事件本身，保留不动' },
      { id: b, ok: true },
    ]);
  });

  it('refuses in one order with the documented codes: role (AUTH_ROLE_FORBIDDEN), then reach (AUTH_OUT_OF_SCOPE)', async () => {
    const zjInc = await makeIncident(t, { bureauCode: '3301' });
    const viaTransition = await post(t, gdHead, `/api/incidents/${zjInc}/transition`, {
      expectedVersion: 1,
      action: 'dismiss',
      reason: '误报',
    });
    const viaDismiss = await post(t, gdHead, `/api/incidents/${zjInc}/dismiss`, {
      expectedVersion: 1,
      reason: '误报',
    });
    expect([viaTransition.body.code, viaDismiss.body.code]).toEqual([
      'AUTH_ROLE_FORBIDDEN',
      'AUTH_ROLE_FORBIDDEN',
    ]);
    const confirm = await post(t, gd, `/api/incidents/${zjInc}/confirm`, { expectedVersion: 1 });
    const transition = await post(t, gd, `/api/incidents/${zjInc}/transition`, {
      expectedVersion: 1,
      action: 'confirm',
    });
    const read = await get(t, gd, `/api/incidents/${zjInc}`);
    for (const r of [confirm, transition, read])
      expect(r).toMatchObject({ status: 403, body: { code: 'AUTH_OUT_OF_SCOPE' } });
    expect((await get(t, zj, '/api/incidents?unassigned=true')).body.code).toBe('AUTH_OUT_OF_SCOPE');
  });

  it('requires a reason to reopen (回头看) a closed incident, and records it', async () => {
    const id = await makeIncident(t, { bureauCode: '4407' });
    const svc = t.get(IncidentsService);
    for (const a of ['confirm', 'acknowledge', 'report', 'respond', 'close'] as const)
      await svc.transition(id, a, person);
    const v = await versionOf(t, id);
    const bare = await post(t, gdHead, `/api/incidents/${id}/transition`, {
      expectedVersion: v,
      action: 'reopen',
    });
    expect(bare).toMatchObject({ status: 400, body: { code: 'INCIDENT_REASON_REQUIRED' } });
    const r = await act(gdHead, id, {
      op: 'reopen',
      expectedVersion: String(v),
      reason: '群众再次反映未解决',
    });
    expect(r.msg).toContain('重新打开');
    expect(await events(id, 'reopen')).toMatchObject([
      { actor: 'gd-head', after: { status: 'reopened', reason: '群众再次反映未解决' } },
    ]);
  });
});
