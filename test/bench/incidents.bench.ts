/**
 * `npm run bench -- incidents [incidents=1000000] [itemsPerIncident=5] [groupingItems=20000]`
 *
 * 1,000,000 incidents and 5,000,000 items generated in bulk with SQL (generate_series) over a year of history, with a
 * realistic mix of statuses (most closed or dismissed), grades, categories and bureaus (any level, so subtrees have
 * their true sizes), and the grouping window's incidents in the SimHash band index. Then:
 *  - queueP95Ms: the queue's first page (IncidentQueryService.list, the console's and the API's query) for a mix of
 *    principals (HQ, province, city, county) and filters (status, grade, category, region, time range, text, every
 *    sort), 95th percentile over all runs;
 *  - groupingItemsPerSec: fresh classified alert items — stories of 250 characters cut from real posts and reviews
 *    (../shared/fixtures), each reposted five times with decoration — grouped by IncidentGrouper.runOnce in its
 *    default batches, end to end (segmentation, SimHash, lookups, writes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScopeService } from '../../src/auth/scope.service';
import type { Principal } from '../../src/auth/roles';
import { SystemClock } from '../../src/infrastructure/clock/clock';
import { validateEnv } from '../../src/infrastructure/config/validate-env';
import { MetricsService } from '../../src/infrastructure/http/metrics.service';
import { plainToInstance } from 'class-transformer';
import { ListIncidentsQuery } from '../../src/incidents/incident.dto';
import { fingerprint } from '../../src/incidents/grouping/incident-fingerprint';
import { IncidentGrouper } from '../../src/incidents/grouping/incident-grouper';
import { IncidentLabels } from '../../src/incidents/console/incident-labels';
import { IncidentListeners } from '../../src/incidents/incident-listeners';
import { IncidentQueryService } from '../../src/incidents/query/incident-query.service';
import { IncidentsConfig } from '../../src/incidents/incidents.config';
import { IncidentsService } from '../../src/incidents/incidents.service';
import { benchDatabase, peakRssMb } from './bench-support';
import { SHARED_DIR } from '../support/shared';

const FIXTURES = join(SHARED_DIR, 'fixtures/sentiment');
const log = (m: string) => process.stderr.write(`[incidents bench] ${m}\n`);
const WORDS = (
  '税务 发票 退税 社保 个税 稽查 罚款 窗口 排队 系统 登录 申报 企业 个体户 司机 老人 视频 网友 投诉 举报 科长 滞纳金 ' +
  '印花税 增值税 房产税 补缴 核定 征收 执法 检查 预约 大厅 电话 客服 短信 诈骗 链接 冒充 通知 政策 解读 调整 负担 ' +
  '收费 减免 优惠 审批 材料 证明 推诿 态度 冷漠 争执 崩溃 卡顿 报错 升级 维护 逾期 处罚 曝光 热议 转发 记者 回应 ' +
  '说明 道歉 整改 村民 商户 餐馆 超市 工厂 学校 医院 农民 工人 主播 平台 直播 带货 收入 利润 成本 工资 补贴 电子税务局'
).split(' ');

/** Story texts of about 250 characters cut from real Chinese posts and reviews (../shared/fixtures, read in place). */
function stories(n: number): string[] {
  const lines = ['online_shopping_10_cats.csv', 'weibo_senti_100k_subset2400.csv']
    .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').split('\n').slice(1))
    .map((l) => l.replace(/^[^,]*,[^,]*,|^[^,]*,/, '').trim())
    .filter((l) => l.length > 10);
  const out: string[] = [];
  let buf = '';
  for (let i = 0; out.length < n; i++) {
    buf += lines[i % lines.length] + '。';
    if (buf.length >= 250) {
      out.push(buf.slice(0, 250));
      buf = '';
    }
  }
  return out;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export default async function run(args: string[]): Promise<void> {
  const N = Number(args[0] ?? 1_000_000);
  const PER = Number(args[1] ?? 5);
  const GROUPING = Number(args[2] ?? 20_000);
  const db = await benchDatabase('incidents');
  const { ds } = db;
  try {
    const now = new Date();
    const nowIso = now.toISOString();
    await ds.query(
      `SELECT items_ensure_partition(($1::timestamptz - make_interval(months => g))::date) FROM generate_series(0, 13) g`,
      [nowIso],
    );
    await ds.query(`SELECT items_ensure_partition(($1::timestamptz + interval '1 month')::date)`, [nowIso]);
    await ds.query(`INSERT INTO sources (name, kind, authority_tier, push_secret_nonce, created_at, updated_at)
      SELECT 'bench-' || g, 'push', (ARRAY['central','provincial','local','social','social','social','forum'])[1 + g % 7], 'n' || g, now(), now()
      FROM generate_series(1, 2000) g`);

    log(`generating ${N} incidents…`);
    let ms = await timeIt(() =>
      ds.query(
        `WITH b AS (SELECT array_agg(code ORDER BY code) AS codes, array_agg(region_code ORDER BY code) AS regions FROM bureaus),
              w AS (SELECT $2::text[] AS words)
         INSERT INTO incidents (bureau_code, region_code, category, grade, status, title, summary, search_vector,
                                first_seen_at, last_seen_at, detected_at, item_count, source_count, max_authority_tier,
                                heat, heat_rank, version, confirmed_at, closed_at, dismissed_at, dismiss_reason,
                                created_at, updated_at)
         SELECT CASE WHEN r.u < 0.01 THEN NULL ELSE b.codes[1 + floor(r.v * array_length(b.codes, 1))::int] END,
                b.regions[1 + floor(r.v * array_length(b.codes, 1))::int],
                (ARRAY['执法争议','服务态度与效率','系统故障','政策争议','收费与负担','廉政问题','涉税诈骗','其他'])[1 + g % 8],
                (ARRAY['I','II','III','III','IV','IV','IV','IV','IV','IV'])[1 + (g / 7) % 10],
                s.status, t.title, t.title, array_to_tsvector(t.tokens),
                r.at, r.at + interval '3 hours', r.at, ${PER}, 3, 'social', 10 + (g % 97),
                log(2, 10 + (g % 97)) + extract(epoch FROM r.at + interval '3 hours') / 3600 / 24,
                1, CASE WHEN s.status NOT IN ('new','dismissed') THEN r.at END,
                CASE WHEN s.status = 'closed' THEN r.at + interval '2 days' END,
                CASE WHEN s.status = 'dismissed' THEN r.at + interval '1 hour' END,
                CASE WHEN s.status = 'dismissed' THEN '误报' END, r.at, r.at
         FROM generate_series(1, $1::int) g
         CROSS JOIN b CROSS JOIN w
         CROSS JOIN LATERAL (SELECT random() AS u, random() AS v,
                                    date_trunc('milliseconds', $3::timestamptz - (random() * interval '365 days')) AS at) r
         CROSS JOIN LATERAL (SELECT (ARRAY['new','new','new','new','new','confirmed','confirmed','confirmed','confirmed','confirmed',
                                           'acknowledged','acknowledged','acknowledged','reported','reported','reported',
                                           'responded','responded','responded','responded','reopened']
                                     || array_fill('closed'::text, ARRAY[50]) || array_fill('dismissed'::text, ARRAY[29]))[1 + g % 100] AS status) s
         CROSS JOIN LATERAL (SELECT w.words[1 + g % array_length(w.words, 1)] || w.words[1 + (g / 97) % array_length(w.words, 1)] || '问题引发关注' AS title,
                                    ARRAY[w.words[1 + g % array_length(w.words, 1)], w.words[1 + (g / 97) % array_length(w.words, 1)], w.words[1 + (g / 13) % array_length(w.words, 1)], '问题'] AS tokens) t`,
        [N, WORDS, nowIso],
      ),
    );
    log(`incidents in ${(ms / 1000).toFixed(1)} s`);

    log(`generating ${N * PER} items…`);
    await ds.query(`ALTER TABLE items DROP CONSTRAINT items_incident_fk`); // bulk load, then one validating pass
    await ds.query(`DROP INDEX items_incident_idx`);
    ms = await timeIt(() =>
      ds.query(
        `INSERT INTO items (ingested_at, source_id, dedupe_key, url, title, content_text, status, classified_at, relevant,
                            negative, alert, bureau_code, category, grade_hint, reasons, incident_id)
         SELECT i.first_seen_at + k * interval '20 minutes', 1 + (i.id * 7 + k) % 2000, i.id || '-' || k, NULL, i.title, '',
                'classified', i.first_seen_at, true, true, true, i.bureau_code, i.category, 'IV', '[]', i.id
         FROM incidents i CROSS JOIN generate_series(0, ${PER - 1}) k`,
      ),
    );
    log(`items in ${(ms / 1000).toFixed(1)} s; indexing and validating…`);
    await ds.query(`CREATE INDEX items_incident_idx ON items (incident_id) WHERE incident_id IS NOT NULL`);
    await ds.query(
      `ALTER TABLE items ADD CONSTRAINT items_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents(id)`,
    );
    // The grouping window's incidents are in the band index (random fingerprints, as far as later items are concerned).
    await ds.query(
      `WITH recent AS (SELECT id, coalesce(bureau_code, '') AS bk, (random() * 9.2e18)::bigint AS h
                       FROM incidents WHERE last_seen_at > $1::timestamptz - interval '72 hours')
       INSERT INTO incident_simhash_bands (bureau_key, band, value, incident_id, simhash)
       SELECT bk, b, CASE WHEN b < 8 THEN (h >> (56 - 8 * b)) & 255 ELSE (h >> (48 - 16 * (b - 8))) & 65535 END, id, h
       FROM recent CROSS JOIN generate_series(0, 11) b`,
      [nowIso],
    );
    await ds.query(`VACUUM ANALYZE incidents`);
    await ds.query(`VACUUM ANALYZE items`);
    await ds.query(`ANALYZE incident_simhash_bands`);

    const clock = new SystemClock();
    const config = validateEnv(IncidentsConfig, {});
    const query = new IncidentQueryService(ds, new ScopeService(ds), clock, config);
    const principal = async (code: string): Promise<Principal> => {
      const [b] = await ds.query(`SELECT path FROM bureaus WHERE code = $1`, [code]);
      return {
        userId: '1',
        username: 'bench',
        displayName: 'bench',
        role: 'monitor',
        bureauCode: code,
        bureauPath: b.path,
        via: 'session',
      };
    };
    const [hq, gd, gz, county, zj] = await Promise.all(['00', '44', '4401', '440106', '33'].map(principal));
    const month = new Date(now.getTime() - 30 * 86_400_000).toISOString();
    const q = (o: Record<string, unknown>) => plainToInstance(ListIncidentsQuery, o);
    const cases: [string, Principal, ListIncidentsQuery][] = [
      ['hq new by heat', hq, q({ status: ['new'] })],
      ['province new by heat', gd, q({ status: ['new'] })],
      ['province open by grade', gd, q({ status: ['new', 'confirmed'], sort: 'grade' })],
      ['hq new by grade', hq, q({ status: ['new'], sort: 'grade' })],
      ['hq new, newest', hq, q({ status: ['new'], sort: 'age' })],
      ['province new, category, newest', zj, q({ status: ['new'], category: ['系统故障'], sort: 'age' })],
      ['city all statuses by heat', gz, q({})],
      ['county new by heat', county, q({ status: ['new'] })],
      [
        'hq grade I/II last 30 days',
        hq,
        q({ status: ['new', 'confirmed'], grade: ['I', 'II'], from: month }),
      ],
      ['hq text search', hq, q({ status: ['new'], q: '电子税务局 投诉' })],
      ['province text search, all', gd, q({ q: '滞纳金' })],
      ['hq region prefix, oldest', hq, q({ status: ['new'], region: '44', sort: 'oldest' })],
      ['hq unassigned', hq, q({ status: ['new'], unassigned: true })],
      ['province bureau filter 4403→4401', gd, q({ bureau: '4401', status: ['new'] })],
    ];
    const samples: number[] = [];
    const perCase: Record<string, number> = {};
    for (const [name, p, query_] of cases) {
      for (let i = 0; i < 2; i++) await query.list(p, query_); // warm-up
      const xs: number[] = [];
      for (let i = 0; i < 25; i++) xs.push(await timeIt(() => query.list(p, query_)));
      samples.push(...xs);
      perCase[name] = Math.round(p95(xs) * 10) / 10;
      // Second page too: keyset paging must cost what the first page costs.
      const first = await query.list(p, query_);
      if (first.nextCursor)
        samples.push(
          await timeIt(() =>
            query.list(p, plainToInstance(ListIncidentsQuery, { ...query_, cursor: first.nextCursor })),
          ),
        );
    }
    log(`queue p95 per case (ms): ${JSON.stringify(perCase)}`);
    const countMs: number[] = [];
    for (const [, p, query_] of cases.slice(0, 6))
      for (let i = 0; i < 5; i++) countMs.push(await timeIt(() => query.counts(p, query_)));

    log(`grouping ${GROUPING} fresh items…`);
    const storyCount = Math.ceil(GROUPING / 5);
    const texts = stories(storyCount);
    await ds.query(
      `WITH b AS (SELECT array_agg(code ORDER BY code) AS codes FROM bureaus WHERE level = 'county')
       INSERT INTO items (ingested_at, source_id, dedupe_key, title, content_text, status, classified_at, relevant, negative,
                          alert, bureau_code, category, grade_hint, reasons)
       SELECT $2::timestamptz + g * interval '10 milliseconds', 1 + g % 2000, 'fresh-' || g, '',
              (ARRAY['','【转载】','转发：','网友爆料：',''])[1 + (g / $4) % 5] || ($3::text[])[1 + s.story] ||
              (ARRAY['','（来源：南方都市报）','求扩散！','',''])[1 + (g / $4 / 5) % 5],
              'classified', $2::timestamptz, true, true, true, b.codes[1 + (s.story * 31) % array_length(b.codes, 1)],
              '服务态度与效率', 'IV', '[]'
       FROM generate_series(0, $1::int - 1) g CROSS JOIN b
       CROSS JOIN LATERAL (SELECT g % $4 AS story) s`,
      [GROUPING, nowIso, texts, storyCount],
    );
    await ds.query(`ANALYZE items`);
    const incidents = new IncidentsService(
      ds,
      clock,
      new IncidentListeners(),
      new IncidentLabels(ds, null as never),
    );
    const grouper = new IncidentGrouper(
      ds,
      clock,
      config,
      incidents,
      new IncidentListeners(),
      new MetricsService(),
    );
    fingerprint('预热', '加载分词词典', null); // jieba's dictionary loads once per process; not part of the rate
    let grouped = 0;
    let created = 0;
    const groupMs = await timeIt(async () => {
      for (;;) {
        const r = await grouper.runOnce();
        grouped += r.items;
        created += r.created;
        if (r.items === 0) break;
      }
    });
    const [{ left }] = await ds.query(
      `SELECT count(*)::int AS left FROM items WHERE alert AND incident_id IS NULL`,
    );
    log(
      `grouped ${grouped} items into ${created} new incidents (${storyCount} stories) in ${(groupMs / 1000).toFixed(1)} s; ${left} left`,
    );
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM incidents`);
    process.stdout.write(
      JSON.stringify({
        bench: 'incidents',
        incidents: N,
        queueP95Ms: Math.round(p95(samples) * 10) / 10,
        groupingItemsPerSec: Math.round(grouped / (groupMs / 1000)),
        items: N * PER,
        countsP95Ms: Math.round(p95(countMs) * 10) / 10,
        groupedItems: grouped,
        storiesToIncidents: `${storyCount}→${created}`,
        incidentsAfter: n,
        peakRssMb: peakRssMb(),
      }) + '\n',
    );
  } finally {
    await db.close();
  }
}
