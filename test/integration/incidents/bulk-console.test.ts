import { createTestApp, TestApp } from '../../support/app';
import { makeIncident, versionOf } from './incident-helpers';

/**
 * 批量处理 over real HTTP (POST /console/incidents/bulk): every incident goes through the single action's policy check
 * and transaction, so one refused incident is reported and the others still change, each with its own audit event.
 */
describe('queue bulk actions: policy per incident, one transaction and audit event each (real PostgreSQL)', () => {
  let t: TestApp;
  let gd: string;
  let gdHead: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [gd, gdHead] = await Promise.all([
      t.userWithSession('gd-monitor', 'monitor', '44'),
      t.userWithSession('gd-head', 'head', '44'),
    ]);
    ids.gz = await makeIncident(t, { bureauCode: '4401', title: '广州办税服务厅排队' });
    ids.sz = await makeIncident(t, { bureauCode: '4404', title: '珠海电子税务局崩溃' });
    ids.zj = await makeIncident(t, { bureauCode: '3301', title: '杭州个税退税慢' });
  });
  afterAll(() => t?.close());

  const pick = async (id: string) => `${id}:${await versionOf(t, id)}`;
  const bulk = async (cookie: string, fields: [string, string][]) => {
    const res = await fetch(`${t.url}/console/incidents/bulk`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: t.url },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!, t.url);
    return { path: to.pathname, msg: to.searchParams.get('msg'), err: to.searchParams.get('err'), to };
  };
  const events = async (id: string, action: string) =>
    (
      await t.ds.query(
        `SELECT actor_label AS actor, comment FROM incident_events WHERE incident_id = $1 AND action = $2`,
        [id, action],
      )
    ).map((r: { actor: string; comment: string | null }) => r);

  it('dismisses the incidents in scope and reports the one outside it, untouched', async () => {
    const r = await bulk(gd, [
      ['op', 'dismiss'],
      ['reason', '误报'],
      ['comment', '批量复核为误报'],
      ['back', '/console/incidents?status=all&sort=oldest'],
      ['pick', await pick(ids.gz)],
      ['pick', await pick(ids.zj)],
      ['pick', await pick(ids.sz)],
    ]);
    expect(r.path).toBe('/console/incidents');
    expect([r.to.searchParams.get('status'), r.to.searchParams.get('sort')]).toEqual(['all', 'oldest']);
    expect(r.msg).toBe('已批量排除 2 个事件');
    expect(r.err).toBe(`1 个事件未能排除：事件 #${ids.zj}：事件 ${ids.zj} 不在您的管辖范围内`);
    const rows = await t.ds.query(
      `SELECT id::text, status FROM incidents WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[ids.gz, ids.sz, ids.zj]],
    );
    expect(Object.fromEntries(rows.map((x: { id: string; status: string }) => [x.id, x.status]))).toEqual({
      [ids.gz]: 'dismissed',
      [ids.sz]: 'dismissed',
      [ids.zj]: 'new',
    });
    for (const id of [ids.gz, ids.sz]) {
      expect(await events(id, 'dismiss')).toEqual([
        { actor: expect.stringContaining('gd-monitor'), comment: '批量复核为误报' },
      ]);
    }
    expect(await events(ids.zj, 'dismiss')).toEqual([]);
  });

  it('refuses, incident by incident, what the role may not do (a head does not triage)', async () => {
    const before = await versionOf(t, ids.gz);
    const r = await bulk(gdHead, [
      ['op', 'confirm'],
      ['pick', await pick(ids.gz)],
    ]);
    expect(r.msg).toBeNull();
    expect(r.err).toMatch(new RegExp(`^1 个事件未能确认：事件 #${ids.gz}：`));
    expect(await versionOf(t, ids.gz)).toBe(before);
    // …and the page does not offer it: no bulk panel or row checkboxes for a head, both for a monitor
    const page = async (cookie: string) =>
      (await fetch(`${t.url}/console/incidents?status=all`, { headers: { cookie } })).text();
    const [headPage, monitorPage] = await Promise.all([page(gdHead), page(gd)]);
    expect(headPage).not.toContain('id="bulk-form"');
    expect(headPage).not.toContain('name="pick"');
    expect(monitorPage).toContain('id="bulk-form"');
    expect(monitorPage).toContain('name="pick"');
  });

  it('rejects a form without a reason for 排除, without ticked incidents, or pointing back to another site', async () => {
    expect(
      (
        await bulk(gd, [
          ['op', 'dismiss'],
          ['pick', await pick(ids.zj)],
        ])
      ).err,
    ).toBe('请选择排除原因');
    expect((await bulk(gd, [['op', 'confirm']])).err).toBe('请至少勾选一个事件');
    const away = await bulk(gd, [
      ['op', 'confirm'],
      ['back', '//evil.example/console/incidents'],
    ]);
    expect(away.to.origin).toBe(new URL(t.url).origin);
    expect(away.path).toBe('/console/incidents');
  });

  it('POST /api/incidents/bulk: the same per-incident outcomes as JSON; a malformed body is a 400 naming the field', async () => {
    ids.sz2 = await makeIncident(t, { bureauCode: '4404', title: '珠海个税APP闪退' });
    const api = (body: unknown) =>
      fetch(`${t.url}/api/incidents/bulk`, {
        method: 'POST',
        headers: { cookie: gd, 'content-type': 'application/json', origin: t.url },
        body: JSON.stringify(body),
      });
    const res = await api({
      op: 'confirm',
      items: [
        { id: ids.sz2, expectedVersion: await versionOf(t, ids.sz2) },
        { id: ids.zj, expectedVersion: await versionOf(t, ids.zj) },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      outcomes: [
        { id: ids.sz2, ok: true },
        { id: ids.zj, ok: false, error: `事件 ${ids.zj} 不在您的管辖范围内` },
      ],
    });
    expect(await events(ids.sz2, 'confirm')).toHaveLength(1);
    const bad = await api({ op: 'explode', items: [] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/op must be one of/);
  });
});
