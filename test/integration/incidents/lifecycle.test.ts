import { IncidentEditsService } from '../../../src/incidents/triage/incident-edits.service';
import { IncidentListeners } from '../../../src/incidents/incident-listeners';
import { ACTIONS, transitionTable } from '../../../src/incidents/triage/incident-state';
import {
  IncidentStatus,
  STATUSES,
  SYSTEM_ACTOR,
  TransitionAction,
} from '../../../src/incidents/incident.types';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { createTestApp, TestApp } from '../../support/app';
import { get, makeIncident, post, versionOf } from './incident-helpers';

const person = { userId: null, label: '张三 <zs@example.cn> 签收链接' };

/** How to bring a fresh incident into each status through allowed transitions only. */
const PATH_TO: Record<IncidentStatus, TransitionAction[]> = {
  new: [],
  confirmed: ['confirm'],
  dismissed: ['dismiss'],
  acknowledged: ['confirm', 'acknowledge'],
  reported: ['confirm', 'acknowledge', 'report'],
  responded: ['confirm', 'acknowledge', 'report', 'respond'],
  closed: ['confirm', 'acknowledge', 'report', 'respond', 'close'],
  reopened: ['confirm', 'acknowledge', 'report', 'respond', 'close', 'reopen'],
};

describe('incident lifecycle, audit timeline and concurrency (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let svc: IncidentsService;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    svc = t.get(IncidentsService);
    t.get(IncidentListeners).register({
      onStatusChanged: (_em, inc, from, to) => void seen.push(`${inc.id}:${from}->${to}`),
      onConfirmed: (_em, inc) => void seen.push(`${inc.id}:confirmed!`),
    });
  });
  afterAll(() => t.close());

  async function inStatus(status: IncidentStatus): Promise<string> {
    const id = await makeIncident(t, { bureauCode: '4401' });
    for (const action of PATH_TO[status]) await svc.transition(id, action, person, { reason: '误报' });
    return id;
  }

  it('allows every transition of the state machine, stamping times, bumping versions and writing the timeline', async () => {
    for (const edge of transitionTable()) {
      if (edge.from === 'confirmed' && edge.action === 'dismiss') continue; // needs an automatic confirmation, below
      const id = await inStatus(edge.from);
      const before = await versionOf(t, id);
      t.clock.advance(60_000);
      seen.length = 0;
      const after = await svc.transition(id, edge.action, person, {
        expectedVersion: before,
        reason: '误报',
        comment: '核实',
      });
      expect(after.status).toBe(edge.to);
      expect(after.version).toBe(before + 1);
      expect(seen[0]).toBe(`${id}:${edge.from}->${edge.to}`);
      expect(seen.includes(`${id}:confirmed!`)).toBe(edge.to === 'confirmed');
      const [ev] = await t.ds.query(
        `SELECT action, actor_label, before, after, comment, at FROM incident_events WHERE incident_id = $1 AND action = $2
         ORDER BY id DESC LIMIT 1`,
        [id, edge.action],
      );
      expect(ev).toMatchObject({
        action: edge.action,
        actor_label: person.label,
        before: { status: edge.from },
        after: { status: edge.to },
      });
      expect(ev.at).toEqual(t.clock.now());
      const stamp = {
        confirmed: 'confirmed_at',
        dismissed: 'dismissed_at',
        acknowledged: 'acknowledged_at',
        reported: 'reported_at',
        responded: 'responded_at',
        closed: 'closed_at',
      }[edge.to as string];
      if (stamp) {
        const [row] = await t.ds.query(`SELECT ${stamp} AS at FROM incidents WHERE id = $1`, [id]);
        expect(row.at).toEqual(t.clock.now());
      }
    }
  });

  it('refuses every transition the state machine does not have, changing nothing', async () => {
    for (const from of STATUSES) {
      const id = await inStatus(from);
      const version = await versionOf(t, id);
      const [{ n: events }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM incident_events WHERE incident_id = $1`,
        [id],
      );
      for (const action of ACTIONS) {
        if (
          transitionTable().some(
            (e) => e.from === from && e.action === action && !(from === 'confirmed' && action === 'dismiss'),
          )
        )
          continue;
        await expect(svc.transition(id, action, person, { reason: '误报' })).rejects.toMatchObject({
          kind: 'conflict',
          code: 'INCIDENT_INVALID_TRANSITION',
        });
      }
      expect(await versionOf(t, id)).toBe(version);
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM incident_events WHERE incident_id = $1`,
        [id],
      );
      expect(n).toBe(events);
    }
  });

  it('lets an incident created at Ⅱ (confirmed automatically) be dismissed, but not one a person confirmed', async () => {
    const auto = await makeIncident(t, { bureauCode: '4402', gradeHint: 'II' });
    expect((await svc.get(auto)).status).toBe('confirmed');
    const dismissed = await svc.transition(auto, 'dismiss', person, { reason: '误报' });
    expect(dismissed).toMatchObject({ status: 'dismissed', autoConfirmed: false, dismissReason: '误报' });
    const reconfirmed = await svc.transition(auto, 'confirm', person);
    expect(reconfirmed.status).toBe('confirmed');
    await expect(svc.transition(auto, 'dismiss', person, { reason: '误报' })).rejects.toMatchObject({
      code: 'INCIDENT_INVALID_TRANSITION',
    });
  });

  it('requires a dismissal reason, and a text for 其他 (HTTP 400 with a message)', async () => {
    const cookie = await t.userWithSession('gd-mon-1', 'monitor', '44');
    const id = await makeIncident(t, { bureauCode: '4401' });
    const v = await versionOf(t, id);
    const missing = await post(t, cookie, `/api/incidents/${id}/dismiss`, { expectedVersion: v });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/reason/);
    const wrong = await post(t, cookie, `/api/incidents/${id}/dismiss`, {
      expectedVersion: v,
      reason: '看不顺眼',
    });
    expect(wrong.status).toBe(400);
    const other = await post(t, cookie, `/api/incidents/${id}/dismiss`, {
      expectedVersion: v,
      reason: '其他',
    });
    expect(other).toMatchObject({ status: 400, body: { code: 'INCIDENT_DISMISS_REASON_REQUIRED' } });
    const ok = await post(t, cookie, `/api/incidents/${id}/dismiss`, {
      expectedVersion: v,
      reason: '其他',
      comment: '测试账号发布的演练信息',
    });
    expect(ok).toMatchObject({
      status: 200,
      body: { status: 'dismissed', dismissReason: '其他', dismissComment: '测试账号发布的演练信息' },
    });
    const refused = await post(t, cookie, `/api/incidents/${id}/transition`, {
      expectedVersion: v + 1,
      action: 'close',
    });
    expect(refused).toMatchObject({ status: 409, body: { code: 'INCIDENT_INVALID_TRANSITION' } });
    expect(refused.body.message).toContain('已排除');
    const unknown = await post(t, cookie, `/api/incidents/${id}/transition`, {
      expectedVersion: v + 1,
      action: 'explode',
    });
    expect(unknown.status).toBe(400);
  });

  it('keeps the audit timeline append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const id = await makeIncident(t, { bureauCode: '4401' });
    await t.get(IncidentEditsService).comment(id, '已电话核实', person);
    await expect(
      t.ds.query(`UPDATE incident_events SET comment = '改写' WHERE incident_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM incident_events WHERE incident_id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ds.query(`TRUNCATE incident_events CASCADE`)).rejects.toThrow(/append-only/);
    const rows = await t.ds.query(
      `SELECT action, comment FROM incident_events WHERE incident_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { action: 'created', comment: null },
      { action: 'comment', comment: '已电话核实' },
    ]);
  });

  it('writes the change and its event in one transaction: a failing listener rolls both back', async () => {
    const id = await makeIncident(t, { bureauCode: '4401' });
    let fail = true;
    t.get(IncidentListeners).register({
      onStatusChanged: () => {
        if (fail) throw new Error('escalation store down');
      },
    });
    await expect(svc.transition(id, 'confirm', person)).rejects.toThrow('escalation store down');
    fail = false;
    expect((await svc.get(id)).status).toBe('new');
    const rows = await t.ds.query(`SELECT action FROM incident_events WHERE incident_id = $1`, [id]);
    expect(rows).toEqual([{ action: 'created' }]); // neither the confirmation nor anything a listener wrote
  });

  it('gives 409 to concurrent and stale actions, never a lost update', async () => {
    const a = await t.userWithSession('gd-mon-a', 'monitor', '44');
    const b = await t.userWithSession('gd-mon-b', 'monitor', '44');
    const id = await makeIncident(t, { bureauCode: '4401' });
    const v = await versionOf(t, id);
    const results = await Promise.all([
      post(t, a, `/api/incidents/${id}/confirm`, { expectedVersion: v }),
      post(t, b, `/api/incidents/${id}/dismiss`, { expectedVersion: v, reason: '误报' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('INCIDENT_STALE_VERSION');
    const winner = results.find((r) => r.status === 200)!.body;
    expect(await versionOf(t, id)).toBe(v + 1);
    const stale = await post(t, a, `/api/incidents/${id}/regrade`, { expectedVersion: v, grade: 'III' });
    expect(stale).toMatchObject({
      status: 409,
      body: { code: 'INCIDENT_STALE_VERSION', details: { expectedVersion: v, currentVersion: v + 1 } },
    });
    const events = await t.ds.query(
      `SELECT action FROM incident_events WHERE incident_id = $1 AND action IN ('confirm','dismiss')`,
      [id],
    );
    expect(events).toEqual([{ action: winner.status === 'confirmed' ? 'confirm' : 'dismiss' }]);
  });

  it('claims keep a second monitor off an incident until released or expired (fake clock)', async () => {
    const a = await t.userWithSession('gd-mon-c', 'monitor', '44');
    const b = await t.userWithSession('gd-mon-d', 'monitor', '44');
    const id = await makeIncident(t, { bureauCode: '4401' });
    const claimed = await post(t, a, `/api/incidents/${id}/claim`, {
      expectedVersion: await versionOf(t, id),
    });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimExpiresAt).toBe(new Date(t.clock.now().getTime() + 15 * 60_000).toISOString());
    const blocked = await post(t, b, `/api/incidents/${id}/confirm`, {
      expectedVersion: claimed.body.version,
    });
    expect(blocked).toMatchObject({ status: 409, body: { code: 'INCIDENT_CLAIMED' } });
    expect(
      (await post(t, b, `/api/incidents/${id}/claim`, { expectedVersion: claimed.body.version })).status,
    ).toBe(409);
    const listed = await get(t, b, `/api/incidents?bureau=4401&status=new&limit=200`);
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      claimedByName: 'gd-mon-c',
    });
    t.clock.advance(16 * 60_000);
    const after = await get(t, b, `/api/incidents/${id}`);
    expect(after.body).toMatchObject({ claimActive: false, claimedByName: null });
    const ok = await post(t, b, `/api/incidents/${id}/confirm`, { expectedVersion: claimed.body.version });
    expect(ok).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    // The system (escalation, signed links) is never blocked by a claim.
    const c = await post(t, a, `/api/incidents/${id}/claim`, { expectedVersion: ok.body.version });
    expect((await svc.transition(id, 'acknowledge', person)).status).toBe('acknowledged');
    expect(c.status).toBe(200);
    expect((await svc.regrade(id, 'III', SYSTEM_ACTOR, { automatic: true })).grade).toBe('III');
    expect((await svc.regrade(id, 'IV', SYSTEM_ACTOR, { automatic: true, reason: '热度下降' })).grade).toBe(
      'III',
    ); // only raises
  });
});
