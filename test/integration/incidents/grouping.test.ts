import { IncidentGrouper } from '../../../src/incidents/grouping/incident-grouper';
import { IncidentListeners } from '../../../src/incidents/incident-listeners';
import { IncidentsConfig } from '../../../src/incidents/incidents.config';
import { IncidentsService } from '../../../src/incidents/incidents.service';
import { incidentCommands } from '../../../src/incidents/incidents.commands';
import { createTestApp, TestApp } from '../../support/app';
import {
  randomStory,
  prng,
  repost,
  seedItems,
  seedSources,
  STORY_BRIBE,
  STORY_QUEUE,
  STORY_TWO_BUREAUS,
} from './incident-fixtures';

const HOUR = 3_600_000;

describe('incident grouping (real PostgreSQL)', () => {
  let t: TestApp;
  let grouper: IncidentGrouper;
  const confirmed: string[] = [];
  const gradeChanges: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    grouper = t.get(IncidentGrouper);
    t.get(IncidentListeners).register({
      onConfirmed: (_em, inc) => void confirmed.push(inc.id),
      onGradeChanged: (_em, inc, from, to) => void gradeChanges.push(`${inc.id}:${from}->${to}`),
    });
  });
  afterAll(() => t.close());

  const incidentsOf = (bureau: string) =>
    t.ds.query(
      `SELECT id::text, item_count, source_count, grade, status, link_group_id::text, first_seen_at, last_seen_at, heat
       FROM incidents WHERE bureau_code = $1 ORDER BY id`,
      [bureau],
    );

  it('makes one incident of 200 reposts of one story with small edits, across batches', async () => {
    const sources = await seedSources(t.ds, 8, 'social');
    const rnd = prng(42);
    const start = t.clock.now().getTime();
    await seedItems(
      t.ds,
      Array.from({ length: 200 }, (_, n) => ({
        sourceId: sources[n % sources.length],
        ingestedAt: new Date(start + n * 5 * 60_000), // one every 5 minutes: 200 over ~16 h
        text: n === 0 ? STORY_QUEUE : repost(STORY_QUEUE, rnd),
        bureauCode: '440305',
        regionCode: '440305',
      })),
    );
    const first = await grouper.runOnce(60);
    expect(first).toMatchObject({ items: 60, created: 1, joined: 59, failed: 0 });
    const rest = await grouper.runOnce(1000);
    expect(rest).toMatchObject({ items: 140, created: 0, joined: 140 });
    const incs = await incidentsOf('440305');
    expect(incs).toHaveLength(1);
    expect(incs[0]).toMatchObject({ item_count: 200, source_count: 8, status: 'new', link_group_id: null });
    expect(incs[0].last_seen_at.getTime() - incs[0].first_seen_at.getTime()).toBe(199 * 5 * 60_000);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM items WHERE incident_id = $1`, [
      incs[0].id,
    ]);
    expect(n).toBe(200);
    const events = await t.ds.query(`SELECT action FROM incident_events WHERE incident_id = $1 ORDER BY id`, [
      incs[0].id,
    ]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['created', 'items_added']);
    expect(await grouper.runOnce(1000)).toMatchObject({ items: 0 });
  });

  it('keeps two different stories about the same bureau apart', async () => {
    const [src] = await seedSources(t.ds, 1);
    const at = t.clock.now();
    await seedItems(t.ds, [
      { sourceId: src, ingestedAt: at, text: STORY_QUEUE, bureauCode: '440306' },
      {
        sourceId: src,
        ingestedAt: new Date(at.getTime() + 60_000),
        text: STORY_BRIBE,
        bureauCode: '440306',
        category: '廉政问题',
      },
      {
        sourceId: src,
        ingestedAt: new Date(at.getTime() + 120_000),
        text: `【转载】${STORY_BRIBE}`,
        bureauCode: '440306',
      },
    ]);
    await grouper.runOnce(100);
    const incs = await incidentsOf('440306');
    expect(incs.map((i: { item_count: number }) => i.item_count)).toEqual([1, 2]);
  });

  it('makes two linked incidents of one story about two bureaus', async () => {
    const [a, b] = await seedSources(t.ds, 2);
    const at = t.clock.now().getTime();
    await seedItems(t.ds, [
      { sourceId: a, ingestedAt: new Date(at), text: STORY_TWO_BUREAUS, bureauCode: '4401' },
      {
        sourceId: b,
        ingestedAt: new Date(at + 60_000),
        text: `转发：${STORY_TWO_BUREAUS}`,
        bureauCode: '4401',
      },
    ]);
    await grouper.runOnce(100);
    // Later in another batch, the same story attributed to another bureau.
    await seedItems(t.ds, [
      {
        sourceId: b,
        ingestedAt: new Date(at + HOUR),
        text: `${STORY_TWO_BUREAUS}（来源：新京报）`,
        bureauCode: '4404',
      },
    ]);
    await grouper.runOnce(100);
    const [gz] = await incidentsOf('4401');
    const [zh] = await incidentsOf('4404');
    expect(gz.link_group_id).toBe(gz.id);
    expect(zh.link_group_id).toBe(gz.id);
    const linked = await t.ds.query(
      `SELECT action FROM incident_events WHERE incident_id = $1 AND action = 'linked'`,
      [gz.id],
    );
    expect(linked).toHaveLength(1);
    // Within one batch too.
    await seedItems(t.ds, [
      {
        sourceId: a,
        ingestedAt: new Date(at + 2 * HOUR),
        text: STORY_QUEUE.replace(/南山区/g, '福田区'),
        bureauCode: '440304',
      },
      {
        sourceId: a,
        ingestedAt: new Date(at + 2 * HOUR),
        text: STORY_QUEUE.replace(/南山区/g, '福田区'),
        bureauCode: '440307',
      },
    ]);
    await grouper.runOnce(100);
    const [x] = await incidentsOf('440304');
    const [y] = await incidentsOf('440307');
    expect(x.link_group_id).not.toBeNull();
    expect(y.link_group_id).toBe(x.link_group_id);
  });

  it('joins items carrying the same link whatever their text, and respects the time window', async () => {
    const [src] = await seedSources(t.ds, 1);
    const at = t.clock.now().getTime();
    await seedItems(t.ds, [
      {
        sourceId: src,
        ingestedAt: new Date(at),
        text: '南沙税务局这操作看不懂',
        url: 'https://www.example.cn/a/1.html?utm_source=wb',
        bureauCode: '440115',
      },
      {
        sourceId: src,
        ingestedAt: new Date(at + HOUR),
        text: '转发一下，大家评评理',
        url: 'http://example.cn/a/1.html',
        bureauCode: '440115',
      },
    ]);
    await grouper.runOnce(100);
    expect((await incidentsOf('440115')).map((i: { item_count: number }) => i.item_count)).toEqual([2]);
    const window = t.get(IncidentsConfig).INCIDENT_WINDOW_HOURS;
    await seedItems(t.ds, [
      {
        sourceId: src,
        ingestedAt: new Date(at + (window + 2) * HOUR),
        text: '又看到这个',
        url: 'https://example.cn/a/1.html',
        bureauCode: '440115',
      },
    ]);
    await grouper.runOnce(100);
    expect((await incidentsOf('440115')).map((i: { item_count: number }) => i.item_count)).toEqual([2, 1]);
  });

  it('raises grades with spread (outlets, central media) and never lowers them', async () => {
    const social = await seedSources(t.ds, 100, 'social');
    const central = await seedSources(t.ds, 3, 'central');
    const at = t.clock.now().getTime() + 200 * HOUR;
    const item = (sourceId: string, k: number) => ({
      sourceId,
      ingestedAt: new Date(at + k * 20 * 60_000),
      text: STORY_BRIBE,
      bureauCode: '4403',
      category: '廉政问题',
    });
    await seedItems(
      t.ds,
      social.slice(0, 9).map((s, k) => item(s, k)),
    );
    await grouper.runOnce(100);
    let [inc] = await incidentsOf('4403');
    expect(inc).toMatchObject({ grade: 'IV', source_count: 9, status: 'new' });

    await seedItems(t.ds, [item(social[9], 10)]); // 10 distinct outlets → Ⅲ
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4403');
    expect(inc.grade).toBe('III');
    const [ev] = await t.ds.query(
      `SELECT comment, actor_label FROM incident_events WHERE incident_id = $1 AND action = 'grade_raised'`,
      [inc.id],
    );
    expect(ev).toEqual({ comment: '传播升级：10 个不同来源转载', actor_label: '系统' });

    await seedItems(
      t.ds,
      central.map((s, k) => item(s, 11 + k)),
    ); // 3 central outlets → Ⅱ
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4403');
    expect(inc.grade).toBe('II');
    expect(inc.status).toBe('new'); // raised later, not created at Ⅱ: a person confirms it
    expect(gradeChanges).toEqual([`${inc.id}:IV->III`, `${inc.id}:III->II`]);

    // A person lowers it with a reason. More items without stronger evidence leave it lowered…
    await t
      .get(IncidentsService)
      .regrade(inc.id, 'III', { userId: null, label: '张三（签收链接）' }, { reason: '经核实影响有限' });
    await seedItems(t.ds, [item(social[20], 30)]);
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4403');
    expect(inc.grade).toBe('III');
    // …and so does more spread at the level they judged (Ⅱ: 30+ outlets)…
    await seedItems(
      t.ds,
      social.slice(21, 40).map((s, k) => item(s, 31 + k)),
    );
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4403');
    expect(inc).toMatchObject({ grade: 'III', source_count: 33 });
    // …until spread goes beyond it: 100 distinct outlets reach Ⅰ, and the timeline says why.
    await seedItems(
      t.ds,
      [...social.slice(10, 20), ...social.slice(40, 100)].map((s, k) => item(s, 50 + k)),
    );
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4403');
    expect(inc.grade).toBe('I');
    expect(gradeChanges.slice(-2)).toEqual([`${inc.id}:II->III`, `${inc.id}:III->I`]);
    const [last] = await t.ds.query(
      `SELECT comment FROM incident_events WHERE incident_id = $1 AND action = 'grade_raised' ORDER BY id DESC LIMIT 1`,
      [inc.id],
    );
    expect(last.comment).toBe('传播升级：103 个不同来源转载');
  });

  it('raises the grade when items come fast (peak items per clock hour)', async () => {
    const [src] = await seedSources(t.ds, 1);
    const at = t.clock.now().getTime() + 250 * HOUR;
    const burst = (n: number, from: number) =>
      Array.from({ length: n }, (_, k) => ({
        sourceId: src,
        ingestedAt: new Date(at + (from + k) * 60_000),
        text: `${STORY_TWO_BUREAUS}#${k}`,
        bureauCode: '4409',
      }));
    await seedItems(t.ds, burst(19, 0));
    await grouper.runOnce(100);
    let [inc] = await incidentsOf('4409');
    expect(inc).toMatchObject({ grade: 'IV', item_count: 19 });
    await seedItems(t.ds, burst(1, 30)); // the 20th item within the same hour
    await grouper.runOnce(100);
    [inc] = await incidentsOf('4409');
    expect(inc.grade).toBe('III');
  });

  it('confirms at once an incident created at Ⅰ/Ⅱ and hands it over exactly once', async () => {
    const srcs = await seedSources(t.ds, 2);
    const at = t.clock.now().getTime() + 300 * HOUR;
    await seedItems(t.ds, [
      { sourceId: srcs[0], ingestedAt: new Date(at), text: STORY_QUEUE, bureauCode: '4406', gradeHint: 'II' },
      {
        sourceId: srcs[1],
        ingestedAt: new Date(at + 1000),
        text: `转发：${STORY_QUEUE}`,
        bureauCode: '4406',
        gradeHint: 'III',
      },
    ]);
    confirmed.length = 0;
    await grouper.runOnce(100);
    const [inc] = await incidentsOf('4406');
    expect(inc).toMatchObject({ grade: 'II', status: 'confirmed', item_count: 2 });
    expect(confirmed).toEqual([inc.id]);
    const [row] = await t.ds.query(`SELECT auto_confirmed, confirmed_at FROM incidents WHERE id = $1`, [
      inc.id,
    ]);
    expect(row.auto_confirmed).toBe(true);
    await seedItems(t.ds, [
      {
        sourceId: srcs[0],
        ingestedAt: new Date(at + 5000),
        text: STORY_QUEUE,
        bureauCode: '4406',
        gradeHint: 'II',
      },
    ]);
    await grouper.runOnce(100);
    expect(confirmed).toEqual([inc.id]);
  });

  it('leaves non-alert and unclassified items alone and puts unknown bureaus in the unassigned queue', async () => {
    const [src] = await seedSources(t.ds, 1);
    const at = t.clock.now();
    const [quiet] = await seedItems(t.ds, [
      { sourceId: src, ingestedAt: at, text: '税务局今天发布了新政策解读', bureauCode: '4405', alert: false },
    ]);
    await seedItems(t.ds, [
      { sourceId: src, ingestedAt: at, text: STORY_BRIBE.replace(/深圳市南山区/g, '某地'), bureauCode: null },
    ]);
    await grouper.runOnce(100);
    const [row] = await t.ds.query(`SELECT incident_id FROM items WHERE id = $1`, [quiet]);
    expect(row.incident_id).toBeNull();
    const unassigned = await t.ds.query(`SELECT item_count FROM incidents WHERE bureau_code IS NULL`);
    expect(unassigned).toEqual([{ item_count: 1 }]);
  });

  it('groups items whose ingestion time has microseconds (the partition key is matched exactly)', async () => {
    const [src] = await seedSources(t.ds, 1);
    const [id] = await seedItems(t.ds, [
      { sourceId: src, ingestedAt: t.clock.now(), text: randomStory(prng(5)), bureauCode: '4415' },
    ]);
    await t.ds.query(
      `UPDATE items SET ingested_at = ingested_at + interval '123 microseconds' WHERE id = $1`,
      [id],
    );
    await grouper.runOnce(100);
    const [row] = await t.ds.query(`SELECT incident_id FROM items WHERE id = $1`, [id]);
    expect(row.incident_id).not.toBeNull();
  });

  it('skips (and records) an item that fails on its own, groups the rest, and retries it on request', async () => {
    const [src] = await seedSources(t.ds, 1);
    let broken = true;
    t.get(IncidentListeners).register({
      onConfirmed: (_em, inc) => {
        if (broken && inc.bureauCode === '4413') throw new Error('downstream refused');
      },
    });
    const [bad, good] = await seedItems(t.ds, [
      {
        sourceId: src,
        ingestedAt: t.clock.now(),
        text: randomStory(prng(6)),
        bureauCode: '4413',
        gradeHint: 'I',
      },
      { sourceId: src, ingestedAt: t.clock.now(), text: randomStory(prng(7)), bureauCode: '4414' },
    ]);
    const run = await grouper.runOnce(100);
    expect(run).toMatchObject({ items: 1, created: 1, failed: 1 });
    const rows = await t.ds.query(
      `SELECT id::text, incident_id FROM items WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[bad, good]],
    );
    expect(rows.map((r: { incident_id: string | null }) => r.incident_id !== null)).toEqual([false, true]);
    const [failure] = await t.ds.query(`SELECT item_id::text, error FROM incident_grouping_failures`);
    expect(failure).toEqual({ item_id: bad, error: 'downstream refused' });
    expect(await grouper.runOnce(100)).toMatchObject({ items: 0, failed: 0 }); // not retried by itself
    broken = false;
    const out: string[] = [];
    const cmd = incidentCommands.find((c) => c.name === 'incidents:group')!;
    await cmd.run({
      args: [],
      flags: { 'retry-failed': true },
      app: async () => t.app,
      stdout: { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream,
      stdin: process.stdin,
    });
    expect(JSON.parse(out.join(''))).toEqual({ items: 1, created: 1, joined: 0, failed: 0 });
  });
});
