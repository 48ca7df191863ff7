import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Items seeded directly with SQL, classification columns set, so tests do not depend on the classifier. */
export interface SeedItem {
  sourceId: string;
  ingestedAt: Date;
  /** Publication time the source reported; the ingestion time when not given. */
  publishedAt?: Date | null;
  title?: string;
  text: string;
  url?: string | null;
  bureauCode: string | null;
  regionCode?: string | null;
  category?: string | null;
  gradeHint?: 'I' | 'II' | 'III' | 'IV' | null;
  reasons?: { rule: string; term: string; start: number; end: number }[];
  alert?: boolean;
}

let sourceSeq = 0;

export async function seedSources(
  ds: DataSource,
  n: number,
  tier: 'central' | 'provincial' | 'local' | 'social' | 'forum' = 'social',
  prefix = 'src',
): Promise<string[]> {
  const names = Array.from(
    { length: n },
    () => `${prefix}-${tier}-${++sourceSeq}-${randomBytes(3).toString('hex')}`,
  );
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO sources (name, kind, authority_tier, push_secret_nonce, created_at, updated_at)
     SELECT x, 'push', $2, 'nonce-' || x, now(), now() FROM unnest($1::text[]) AS x RETURNING id::text`,
    [names, tier],
  );
  return rows.map((r) => r.id);
}

/** Makes sure the monthly partitions for these instants exist (the test clock may be ahead of the real date). */
export async function ensurePartitions(ds: DataSource, dates: Date[]): Promise<void> {
  const months = [...new Set(dates.map((d) => d.toISOString().slice(0, 7)))];
  for (const m of months) await ds.query(`SELECT items_ensure_partition($1::date)`, [`${m}-01`]);
}

export async function seedItems(ds: DataSource, items: SeedItem[]): Promise<string[]> {
  await ensurePartitions(
    ds,
    items.map((i) => i.ingestedAt),
  );
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO items (ingested_at, source_id, dedupe_key, url, title, content_text, published_at, status, classified_at,
                        relevant, negative, alert, bureau_code, region_code, category, secondary_categories,
                        grade_hint, reasons, model_version)
     SELECT x.ingested_at, x.source_id, x.dedupe_key, x.url, x.title, x.text, x.published_at, 'classified', x.ingested_at,
            true, true, x.alert, x.bureau_code, x.region_code, x.category, '{}', x.grade_hint, x.reasons, 'test'
     FROM jsonb_to_recordset($1::jsonb) AS x(ingested_at timestamptz, published_at timestamptz, source_id bigint, dedupe_key text,
          url text, title text, text text, alert boolean, bureau_code text, region_code text, category text,
          grade_hint text, reasons jsonb, ord bigint)
     ORDER BY ord
     RETURNING id::text`,
    [
      JSON.stringify(
        items.map((i, ord) => ({
          ord,
          ingested_at: i.ingestedAt.toISOString(),
          published_at: (i.publishedAt === undefined ? i.ingestedAt : i.publishedAt)?.toISOString() ?? null,
          source_id: i.sourceId,
          dedupe_key: randomBytes(8).toString('hex'),
          url: i.url ?? null,
          title: i.title ?? '',
          text: i.text,
          alert: i.alert ?? true,
          bureau_code: i.bureauCode,
          region_code: i.regionCode ?? null,
          category: i.category ?? '服务态度与效率',
          grade_hint: i.gradeHint ?? 'IV',
          reasons: i.reasons ?? [],
        })),
      ),
    ],
  );
  return rows.map((r) => r.id);
}

/** A deterministic pseudo-random generator, so "random" edits are the same on every run. */
export function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

export const STORY_QUEUE =
  '深圳市南山区税务局办税服务厅今天上午出现长时间排队，多名纳税人反映等候超过三个小时仍未办理，工作人员态度冷漠，' +
  '有人当场与窗口人员发生争执。网友发布的视频显示大厅内人员拥挤，叫号系统多次故障。据现场一位姓李的企业会计介绍，' +
  '她早上八点就到了大厅，取号后前面还有一百多人，中午十二点窗口暂停服务一个半小时，下午才轮到她办理社保费缴纳业务。' +
  '另一位纳税人说，电子税务局前几天无法登录，只好来现场办理，没想到现场更加混乱。视频在微博上被大量转发，' +
  '不少网友质疑办税服务厅的窗口设置和预约机制，要求税务部门尽快作出说明。';

export const STORY_BRIBE =
  '深圳市南山区税务局一名科长被实名举报收受企业老板财物，帮助多家企业违规办理出口退税，举报人称已向纪检部门提交了' +
  '转账记录和聊天截图，涉案金额高达数百万元。举报信在网上流传后，不少网友要求彻查，目前纪检监察部门表示已经' +
  '介入调查，该科长已被暂停职务。有知情人透露，此前也有企业反映过类似问题，但一直没有得到处理，此事引发广泛关注。';

const PREFIXES = ['', '【转载】', '转发：', '网友爆料：', '#深圳税务# ', '【关注】', ''];
const SUFFIXES = [
  '',
  '（来源：南方都市报）',
  '大家怎么看？',
  '求扩散！',
  '（记者 张明）',
  ' 原文链接见评论区',
  '//@深圳身边事: 关注',
];
const SWAPS: [string, string][] = [
  ['今天上午', '今日上午'],
  ['多名', '不少'],
  ['超过三个小时', '三个多小时'],
  ['态度冷漠', '态度很差'],
  ['发生争执', '发生口角'],
  ['网友发布的视频', '网传视频'],
  ['拥挤', '拥堵'],
  ['尽快作出说明', '尽快给个说法'],
];

/** A repost: a prefix or a source line, and a couple of words changed. */
export function repost(story: string, rnd: (n: number) => number): string {
  let t = story;
  for (const [a, b] of SWAPS) if (rnd(10) < 2) t = t.replace(a, b);
  return PREFIXES[rnd(PREFIXES.length)] + t + SUFFIXES[rnd(SUFFIXES.length)];
}

export const STORY_TWO_BUREAUS =
  '多名货运司机反映，广州市税务局和珠海市税务局对同一批跨市运输业务重复征收印花税，司机们在两地办税服务厅之间来回奔波，' +
  '窗口人员互相推诿，谁也说不清该由哪边处理。有司机算了一笔账，仅路费和误工就损失了上千元，还被要求补缴滞纳金。' +
  '相关视频在短视频平台播放量迅速上升，评论区里不少个体户表示遇到过类似情况，呼吁两地税务部门尽快协调解决。';

/**
 * An unrelated made-up "story": random two-character words drawn from 3,000 CJK characters. Any two are about 32 bits
 * apart in SimHash (as unrelated real texts are), so they never group by accident.
 */
export function randomStory(rnd: (n: number) => number, words = 80): string {
  const char = () => String.fromCharCode(0x4e00 + rnd(3000));
  return Array.from({ length: words }, () => char() + char()).join('，') + '。';
}
