import { createTestApp, TestApp } from '../../support/app';
import { get, makeIncident, post, versionOf } from './incident-helpers';

/**
 * Newcomer trial, finding 1 (HIGH): reassigning a confirmed incident outside one's own subtree hid it from the unit
 * and its superiors. One rule (src/incidents/triage/incident-reassign.rule.ts) for the API route, bulk and the console.
 */
describe('reassign rule: anywhere while new, within your subtree once confirmed (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let nanshan: string; // 440305's own monitor
  let shenzhen: string; // 4403 (reports to HQ directly)
  let hq: string;

  beforeAll(async () => {
    t = await createTestApp();
    [nanshan, shenzhen, hq] = await Promise.all([
      t.userWithSession('ns-monitor', 'monitor', '440305'),
      t.userWithSession('sz-monitor', 'monitor', '4403'),
      t.userWithSession('hq-monitor', 'monitor', '00'),
    ]);
  });
  afterAll(() => t?.close());

  const bureauOf = async (id: string) =>
    (await t.ds.query(`SELECT bureau_code AS b FROM incidents WHERE id = $1`, [id]))[0].b as string | null;
  const reassignEvents = (id: string) =>
    t.ds.query(
      `SELECT actor_label AS actor, before->>'bureauCode' AS "from", after->>'bureauCode' AS "to",
              after->>'byBureau' AS "by", comment
       FROM incident_events WHERE incident_id = $1 AND action = 'reassign' ORDER BY id`,
      [id],
    );
  const clockBureaus = async (id: string) =>
    (
      await t.ds.query(
        `SELECT DISTINCT bureau_code AS b FROM escalation_clocks
         WHERE subject_kind = 'incident' AND subject_id = $1 AND status IN ('running', 'missed')`,
        [id],
      )
    ).map((r: { b: string }) => r.b);

  /** The trial's incident 8: Nanshan's own, regraded to Ⅱ and confirmed by Nanshan's monitor. */
  async function confirmedAtNanshan(): Promise<string> {
    const id = await makeIncident(t, { bureauCode: '440305', regionCode: '440305' });
    const up = await post(t, nanshan, `/api/incidents/${id}/regrade`, { expectedVersion: 1, grade: 'II' });
    expect(up.status).toBe(200);
    const c = await post(t, nanshan, `/api/incidents/${id}/confirm`, { expectedVersion: up.body.version });
    expect(c.status).toBe(200);
    return id;
  }

  it('refuses moving a confirmed incident out of the subtree on the API, in bulk and on the console', async () => {
    const id = await confirmedAtNanshan();
    const v = await versionOf(t, id);
    const api = await post(t, nanshan, `/api/incidents/${id}/reassign`, {
      expectedVersion: v,
      bureauCode: '6501',
    });
    expect(api).toMatchObject({ status: 403, body: { code: 'AUTH_OUT_OF_SCOPE' } });
    expect(api.body.message).toContain('同时管辖');
    expect(api.body.message).toContain('国家税务总局深圳市南山区税务局');
    expect(api.body.message).toContain('（国家税务总局）');
    const sz = await post(t, shenzhen, `/api/incidents/${id}/reassign`, {
      expectedVersion: v,
      bureauCode: '33',
    });
    expect(sz).toMatchObject({ status: 403, body: { code: 'AUTH_OUT_OF_SCOPE' } });
    const toNobody = await post(t, shenzhen, `/api/incidents/${id}/reassign`, {
      expectedVersion: v,
      bureauCode: null,
    });
    expect(toNobody.status).toBe(403);
    const bulk = await post(t, nanshan, '/api/incidents/bulk', {
      op: 'reassign',
      bureauCode: '11',
      items: [{ id, expectedVersion: v }],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.outcomes).toEqual([{ id, ok: false, error: expect.stringContaining('同时管辖') }]);
    // a bulk move with the unit left empty is refused as a whole, never a silent move to nobody
    const blank = await post(t, nanshan, '/api/incidents/bulk', {
      op: 'reassign',
      items: [{ id, expectedVersion: v }],
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('请填写改派单位（批量改派不能改为未分配）');
    const page = await fetch(`${t.url}/console/incidents/${id}/act`, {
      method: 'POST',
      headers: { cookie: nanshan, 'content-type': 'application/x-www-form-urlencoded', origin: t.url },
      body: new URLSearchParams({
        op: 'reassign',
        expectedVersion: String(v),
        bureauCode: '6501',
      }).toString(),
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(new URL(page.headers.get('location')!, t.url).searchParams.get('err')).toContain('同时管辖');
    expect(await bureauOf(id)).toBe('440305');
    expect(await reassignEvents(id)).toEqual([]);
    expect((await get(t, nanshan, `/api/incidents/${id}`)).status).toBe(200);
    expect(await clockBureaus(id)).toEqual(['440305']);
  });

  it('refuses sideways moves a level down too; the superior above both may move it, with a trace', async () => {
    const id = await confirmedAtNanshan();
    const v = await versionOf(t, id);
    const sideways = await post(t, nanshan, `/api/incidents/${id}/reassign`, {
      expectedVersion: v,
      bureauCode: '440303',
    });
    expect(sideways.status).toBe(403);
    expect(sideways.body.message).toContain('国家税务总局深圳市税务局');
    const ok = await post(t, shenzhen, `/api/incidents/${id}/reassign`, {
      expectedVersion: v,
      bureauCode: '440303',
      comment: '事发地在罗湖',
    });
    expect(ok).toMatchObject({ status: 200, body: { bureauCode: '440303' } });
    expect(await reassignEvents(id)).toEqual([
      { actor: 'sz-monitor', from: '440305', to: '440303', by: '4403', comment: '事发地在罗湖' },
    ]);
    // The clocks follow the incident to the unit now responsible; Shenzhen still sees it.
    expect(await clockBureaus(id)).toEqual(['440303']);
    expect((await get(t, shenzhen, `/api/incidents/${id}`)).status).toBe(200);
    const far = await post(t, hq, `/api/incidents/${id}/reassign`, {
      expectedVersion: ok.body.version,
      bureauCode: '6501',
    });
    expect(far).toMatchObject({ status: 200, body: { bureauCode: '6501' } });
  });

  it('refuses an automatically confirmed (grade Ⅱ at creation) incident as well', async () => {
    const id = await makeIncident(t, { bureauCode: '440305', gradeHint: 'II' });
    const [row] = await t.ds.query(
      `SELECT status, auto_confirmed AS a, version FROM incidents WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ status: 'confirmed', a: true });
    const r = await post(t, nanshan, `/api/incidents/${id}/reassign`, {
      expectedVersion: row.version,
      bureauCode: '6501',
    });
    expect(r.status).toBe(403);
  });

  it('still lets a new, misattributed incident go anywhere, recording from, to and who', async () => {
    const id = await makeIncident(t, { bureauCode: '440305' });
    const r = await post(t, nanshan, `/api/incidents/${id}/reassign`, {
      expectedVersion: 1,
      bureauCode: '6501',
      comment: '写的是乌鲁木齐',
    });
    expect(r).toMatchObject({ status: 200, body: { bureauCode: '6501' } });
    expect(await reassignEvents(id)).toEqual([
      { actor: 'ns-monitor', from: '440305', to: '6501', by: '440305', comment: '写的是乌鲁木齐' },
    ]);
  });
});
