import { IncidentListeners } from '../../../src/incidents/incident-listeners';
import { createTestApp, TestApp } from '../../support/app';
import { get, makeIncident, post, versionOf } from './incident-helpers';

const HOUR = 3_600_000;

describe('triage API: queue, filters, paging, scope and corrections (real PostgreSQL, real HTTP)', () => {
  let t: TestApp;
  let gd: string; // Guangdong monitor
  let zj: string; // Zhejiang monitor
  let hq: string; // HQ monitor
  const ids: Record<string, string> = {};
  const bureauChanges: string[] = [];
  const gradeChanges: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.get(IncidentListeners).register({
      onBureauChanged: (_em, inc, from, to) => void bureauChanges.push(`${inc.id}:${from}->${to}`),
      onGradeChanged: (_em, inc, from, to) => void gradeChanges.push(`${inc.id}:${from}->${to}`),
    });
    [gd, zj, hq] = await Promise.all([
      t.userWithSession('gd-monitor', 'monitor', '44'),
      t.userWithSession('zj-monitor', 'monitor', '33'),
      t.userWithSession('hq-monitor', 'monitor', '00'),
    ]);
    const at = t.clock.now().getTime();
    // Each incident is detected when its first item arrives: the clock is set there, then put back.
    const make = async (hoursAgo: number, opts: Parameters<typeof makeIncident>[1]) => {
      t.clock.set(new Date(at - hoursAgo * HOUR));
      const id = await makeIncident(t, { ...opts, ingestedAt: t.clock.now() });
      t.clock.set(new Date(at));
      return id;
    };
    // Hotter = more items from more sources; different times, grades, categories and places.
    ids.gzHot = await make(0, {
      bureauCode: '4401',
      regionCode: '440100',
      items: 12,
      sources: 6,
      category: '执法争议',
      gradeHint: 'III',
    });
    ids.gzCold = await make(30, {
      bureauCode: '440106',
      regionCode: '440106',
      category: '服务态度与效率',
      title: '天河区办税服务厅排长队',
    });
    ids.zhuhai = await make(2, {
      bureauCode: '4404',
      regionCode: '440400',
      items: 3,
      sources: 3,
      category: '系统故障',
      text: '珠海电子税务局系统崩溃，申报页面一直报错，企业无法按期申报',
    });
    ids.zj = await make(0, {
      bureauCode: '3301',
      regionCode: '330100',
      items: 20,
      sources: 10,
      category: '执法争议',
    });
    ids.unassigned = await make(1, { bureauCode: null, items: 2, category: '涉税诈骗' });
  });
  afterAll(() => t.close());

  const listIds = async (cookie: string, query = '') =>
    (await get(t, cookie, `/api/incidents?${query}`)).body.items.map((i: { id: string }) => i.id);

  it('lists a monitor only the incidents of their bureau subtree, hottest first', async () => {
    expect(await listIds(gd)).toEqual([ids.gzHot, ids.zhuhai, ids.gzCold]);
    expect(await listIds(zj)).toEqual([ids.zj]);
    expect(new Set(await listIds(hq))).toEqual(new Set(Object.values(ids)));
    const [row] = (await get(t, gd, `/api/incidents?bureau=4401`)).body.items;
    expect(row).toMatchObject({
      id: ids.gzHot,
      bureauName: '国家税务总局广州市税务局',
      itemCount: 12,
      sourceCount: 6,
      grade: 'III',
      status: 'new',
      version: 1,
    });
    expect(row.heat).toBeGreaterThan(0);
  });

  it('filters by status, grade, category, bureau subtree, region, time range and text', async () => {
    expect(await listIds(gd, 'grade=III')).toEqual([ids.gzHot]);
    expect(await listIds(gd, 'category=系统故障,服务态度与效率&sort=age')).toEqual([ids.zhuhai, ids.gzCold]);
    expect(await listIds(gd, 'bureau=4401')).toEqual([ids.gzHot, ids.gzCold]);
    expect(await listIds(gd, 'region=4404')).toEqual([ids.zhuhai]);
    expect(await listIds(gd, 'region=440106')).toEqual([ids.gzCold]);
    const from = new Date(t.clock.now().getTime() - 3 * HOUR).toISOString();
    expect(await listIds(gd, `from=${encodeURIComponent(from)}&sort=oldest`)).toEqual([
      ids.zhuhai,
      ids.gzHot,
    ]);
    const to = new Date(t.clock.now().getTime() - HOUR).toISOString();
    expect(await listIds(gd, `to=${encodeURIComponent(to)}`)).toEqual([ids.zhuhai, ids.gzCold]);
    expect(await listIds(gd, 'q=电子税务局 报错')).toEqual([ids.zhuhai]);
    expect(await listIds(gd, 'q=办税服务厅')).toEqual([ids.gzCold]);
    expect(await listIds(gd, 'status=confirmed')).toEqual([]);
    expect(await listIds(hq, 'unassigned=true')).toEqual([ids.unassigned]);
  });

  it('refuses bad filters with 400 and foreign bureaus with 403', async () => {
    expect((await get(t, gd, '/api/incidents?status=open')).status).toBe(400);
    expect((await get(t, gd, '/api/incidents?grade=V')).status).toBe(400);
    expect((await get(t, gd, '/api/incidents?sort=random')).status).toBe(400);
    expect((await get(t, gd, '/api/incidents?limit=5000')).status).toBe(400);
    expect((await get(t, gd, '/api/incidents?cursor=garbage')).body.code).toBe('INCIDENT_BAD_INPUT');
    expect((await get(t, gd, '/api/incidents?bureau=33')).status).toBe(403);
    expect((await get(t, gd, '/api/incidents?bureau=4403')).status).toBe(403); // Shenzhen reports to HQ
    expect((await get(t, gd, '/api/incidents?unassigned=true')).status).toBe(403);
  });

  it('pages with a keyset cursor: every incident exactly once, in order, for every sort', async () => {
    for (const sort of ['heat', 'grade', 'age', 'oldest']) {
      const all = await listIds(hq, `sort=${sort}&limit=200`);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await get(
          t,
          hq,
          `/api/incidents?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all).toHaveLength(5);
    }
    const grades = (await get(t, hq, '/api/incidents?sort=grade')).body.items.map(
      (i: { grade: string }) => i.grade,
    );
    expect(grades).toEqual([...grades].sort());
  });

  it('counts incidents per status for the same filters', async () => {
    const counts = (await get(t, gd, '/api/incidents/counts?bureau=4401')).body;
    expect(counts.new).toEqual({ count: 2, capped: false });
    expect(counts.confirmed).toEqual({ count: 0, capped: false });
  });

  it('shows one incident with its items, evidence offsets, spread and timeline; 403 outside the subtree', async () => {
    const res = await get(t, gd, `/api/incidents/${ids.zhuhai}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ids.zhuhai,
      bureauName: '国家税务总局珠海市税务局',
      itemCount: 3,
      allowedActions: ['confirm', 'dismiss'],
    });
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items[0]).toMatchObject({
      sourceName: expect.any(String),
      authorityTier: 'social',
      text: expect.stringContaining('珠海'),
    });
    expect(res.body.spread.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(3);
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual(['created']);
    expect((await get(t, zj, `/api/incidents/${ids.zhuhai}`)).status).toBe(403);
    expect((await get(t, zj, `/api/incidents/${ids.unassigned}`)).status).toBe(403);
    expect((await get(t, gd, `/api/incidents/999999`)).status).toBe(404);
    expect((await get(t, gd, `/api/incidents/abc`)).status).toBe(400); // issue 12 point 8: a non-numeric id is a 400
    expect((await post(t, zj, `/api/incidents/${ids.zhuhai}/confirm`, { expectedVersion: 1 })).status).toBe(
      403,
    );
  });

  it('regrades: raising is free, lowering needs a reason; both are on the timeline and reach the listeners', async () => {
    const id = ids.gzHot;
    const up = await post(t, gd, `/api/incidents/${id}/regrade`, {
      expectedVersion: await versionOf(t, id),
      grade: 'II',
    });
    expect(up).toMatchObject({ status: 200, body: { grade: 'II' } });
    const down = await post(t, gd, `/api/incidents/${id}/regrade`, {
      expectedVersion: up.body.version,
      grade: 'IV',
    });
    expect(down).toMatchObject({ status: 400, body: { code: 'INCIDENT_REASON_REQUIRED' } });
    const ok = await post(t, gd, `/api/incidents/${id}/regrade`, {
      expectedVersion: up.body.version,
      grade: 'IV',
      reason: '经核实为个别纳税人误解',
    });
    expect(ok).toMatchObject({ status: 200, body: { grade: 'IV' } });
    expect(gradeChanges).toEqual([`${id}:III->II`, `${id}:II->IV`]);
    const tl = (await get(t, gd, `/api/incidents/${id}`)).body.timeline;
    expect(tl.slice(-2)).toMatchObject([
      { action: 'regrade', actorLabel: 'gd-monitor', before: { grade: 'III' }, after: { grade: 'II' } },
      {
        action: 'regrade',
        comment: '经核实为个别纳税人误解',
        before: { grade: 'II' },
        after: { grade: 'IV' },
      },
    ]);
  });

  it('recategorises (400 for an unknown category) and reassigns to another bureau, handing the incident on', async () => {
    const id = ids.gzCold;
    expect(
      (await post(t, gd, `/api/incidents/${id}/recategorise`, { expectedVersion: 1, category: '天气' }))
        .status,
    ).toBe(400);
    const rc = await post(t, gd, `/api/incidents/${id}/recategorise`, {
      expectedVersion: 1,
      category: '执法争议',
      secondaryCategories: ['服务态度与效率'],
    });
    expect(rc).toMatchObject({
      status: 200,
      body: { category: '执法争议', secondaryCategories: ['服务态度与效率'] },
    });
    const ra = await post(t, gd, `/api/incidents/${id}/reassign`, {
      expectedVersion: rc.body.version,
      bureauCode: '3301',
      comment: '事发地在杭州',
    });
    expect(ra).toMatchObject({ status: 200, body: { bureauCode: '3301', bureauPath: '00.33.3301.' } });
    expect(bureauChanges).toEqual([`${id}:440106->3301`]);
    expect((await get(t, gd, `/api/incidents/${id}`)).status).toBe(403);
    expect(await listIds(zj)).toContain(id);
    expect(
      (
        await post(t, gd, `/api/incidents/${ids.zhuhai}/reassign`, {
          expectedVersion: 1,
          bureauCode: '999999',
        })
      ).status,
    ).toBe(400);
  });

  it('merges two incidents of one bureau and splits items off again', async () => {
    const a = await makeIncident(t, { bureauCode: '4405', items: 3, sources: 3 });
    const b = await makeIncident(t, { bureauCode: '4405', items: 2, sources: 2, gradeHint: 'III' });
    const other = await makeIncident(t, { bureauCode: '4406' });
    const cross = await post(t, gd, `/api/incidents/${b}/merge`, {
      expectedVersion: await versionOf(t, b),
      intoId: other,
    });
    expect(cross).toMatchObject({ status: 409, body: { code: 'INCIDENT_MERGE_INVALID' } });
    const merged = await post(t, gd, `/api/incidents/${b}/merge`, {
      expectedVersion: await versionOf(t, b),
      intoId: a,
      comment: '同一事件',
    });
    expect(merged).toMatchObject({
      status: 200,
      body: { id: a, itemCount: 5, sourceCount: 5, grade: 'III' },
    });
    expect(await listIds(gd, 'bureau=4405')).toEqual([a]);
    const gone = (await get(t, gd, `/api/incidents/${b}`)).body;
    expect(gone).toMatchObject({ mergedIntoId: a, allowedActions: [] });
    expect(
      (await post(t, gd, `/api/incidents/${b}/confirm`, { expectedVersion: gone.version })).body.code,
    ).toBe('INCIDENT_MERGED');
    const detail = (await get(t, gd, `/api/incidents/${a}`)).body;
    expect(detail.mergedFrom).toEqual([{ id: b, title: expect.any(String) }]);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toContain('merged');

    const two = detail.items.slice(-2).map((i: { id: string }) => i.id);
    const split = await post(t, gd, `/api/incidents/${a}/split`, {
      expectedVersion: detail.version,
      itemIds: two,
      comment: '另一件事',
    });
    expect(split.status).toBe(200);
    expect(split.body.original.itemCount).toBe(3);
    expect(split.body.created).toMatchObject({ itemCount: 2, bureauCode: '4405', status: 'new' });
    const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM items WHERE incident_id = $1`, [
      split.body.created.id,
    ]);
    expect(row.n).toBe(2);
    const all = await post(t, gd, `/api/incidents/${a}/split`, {
      expectedVersion: split.body.original.version,
      itemIds: detail.items.map((i: { id: string }) => i.id),
    });
    expect(all).toMatchObject({ status: 400, body: { code: 'INCIDENT_SPLIT_INVALID' } });
  });

  it('stores each decision as a training label (one per distinct text), only when it commits', async () => {
    const labels = (incident: string) =>
      t.ds.query(
        `SELECT alert, category, bureau_code AS "bureauCode", labelled_by::text AS "by", note FROM classification_labels
         WHERE note LIKE $1 ORDER BY id`,
        [`事件 ${incident}：%`],
      );
    const [{ id: userId }] = await t.ds.query(`SELECT id::text FROM users WHERE username = 'gd-monitor'`);
    const confirmed = await makeIncident(t, { bureauCode: '4407', items: 5, category: '政策争议' }); // 2 distinct texts
    expect((await post(t, gd, `/api/incidents/${confirmed}/confirm`, { expectedVersion: 1 })).status).toBe(
      200,
    );
    expect(await labels(confirmed)).toEqual([
      { alert: true, category: '政策争议', bureauCode: '4407', by: userId, note: `事件 ${confirmed}：确认` },
      { alert: true, category: '政策争议', bureauCode: '4407', by: userId, note: `事件 ${confirmed}：确认` },
    ]);
    const falsePositive = await makeIncident(t, { bureauCode: '4407', category: '政策争议' });
    await post(t, gd, `/api/incidents/${falsePositive}/dismiss`, {
      expectedVersion: 1,
      reason: '误报',
      comment: '是正面宣传',
    });
    expect(await labels(falsePositive)).toMatchObject([
      { alert: false, note: `事件 ${falsePositive}：排除 误报：是正面宣传` },
    ]);
    const wrongBureau = await makeIncident(t, { bureauCode: '4407' });
    await post(t, gd, `/api/incidents/${wrongBureau}/dismiss`, { expectedVersion: 1, reason: '非本单位' });
    expect(await labels(wrongBureau)).toMatchObject([{ alert: true, bureauCode: null }]);
    const corrected = await makeIncident(t, { bureauCode: '4407', category: '其他' });
    await post(t, gd, `/api/incidents/${corrected}/recategorise`, {
      expectedVersion: 1,
      category: '收费与负担',
    });
    await post(t, gd, `/api/incidents/${corrected}/reassign`, { expectedVersion: 2, bureauCode: '4408' });
    expect(await labels(corrected)).toMatchObject([
      {
        alert: true,
        category: '收费与负担',
        bureauCode: '4407',
        note: `事件 ${corrected}：调整类别 其他→收费与负担`,
      },
      {
        alert: true,
        category: '收费与负担',
        bureauCode: '4408',
        note: `事件 ${corrected}：改派单位 4407→4408`,
      },
    ]);
    // A refused action (stale version) leaves no label.
    expect(
      (await post(t, gd, `/api/incidents/${corrected}/regrade`, { expectedVersion: 1, grade: 'II' })).status,
    ).toBe(409);
    expect(await labels(corrected)).toHaveLength(2);
  });

  it('requires the monitor role for triage decisions', async () => {
    const head = await t.userWithSession('gd-head', 'head', '44');
    const analyst = await t.userWithSession('gd-analyst', 'hq_analyst', '44');
    const id = ids.zhuhai;
    expect(
      (await post(t, analyst, `/api/incidents/${id}/confirm`, { expectedVersion: await versionOf(t, id) }))
        .status,
    ).toBe(403);
    expect(
      (await post(t, head, `/api/incidents/${id}/confirm`, { expectedVersion: await versionOf(t, id) }))
        .status,
    ).toBe(403);
    expect((await get(t, analyst, `/api/incidents/${id}`)).status).toBe(200);
    const c = await post(t, head, `/api/incidents/${id}/comment`, {
      expectedVersion: await versionOf(t, id),
      comment: '请尽快核实',
    });
    expect(c.status).toBe(200);
  });
});
