import { parseIsoWithZone } from './parser/dates';
import {
  chooseLanguage,
  collapseWhitespace,
  htmlToText,
  normaliseAuthor,
  normaliseLink,
} from './parser/normalise';
import { StorableItem } from './ingestion.store';

/**
 * Validation of pushed items, field by field (pure). A request is `{sourceId?, items: [{id, title, text | html,
 * url?, author?, publishedAt?}]}`; each item is accepted or rejected on its own, with every reason listed, so one
 * bad item never costs the vendor the rest of the batch. Items are keyed `p:<id>`: pushing the same id again is a
 * duplicate, not a new item.
 */

export interface PushFieldError {
  field: string;
  message: string;
}

export type CheckedPushItem =
  | { index: number; id: string; item: StorableItem; errors: [] }
  | { index: number; id: string | null; item: null; errors: PushFieldError[] };

export type PushEnvelope = { sourceId: string | null; items: unknown[] } | { problem: string };

const ITEM_FIELDS = new Set(['id', 'title', 'text', 'html', 'url', 'author', 'publishedAt']);
const LIMITS = { id: 200, title: 1000, text: 200_000, html: 1_000_000, url: 2048, author: 200 };
// More than a day ahead is a wrong clock or zone, not news (the poller ignores such feed dates for the same reason).
const FUTURE_TOLERANCE_MS = 86_400_000;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (one-character lookarounds).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function readEnvelope(body: unknown): PushEnvelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { problem: '请求体必须是 JSON 对象 {sourceId?, items: [...]}' };
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => k !== 'sourceId' && k !== 'items');
  if (extra.length) return { problem: `未知字段: ${extra.join(', ')}` };
  if (!Array.isArray(b.items)) return { problem: 'items 必须是数组' };
  let sourceId: string | null = null;
  if (b.sourceId !== undefined && b.sourceId !== null) {
    const s = String(b.sourceId);
    if (!/^[0-9]{1,18}$/.test(s) || (typeof b.sourceId !== 'string' && typeof b.sourceId !== 'number')) {
      return { problem: 'sourceId 必须是信息源编号' };
    }
    sourceId = s;
  }
  return { sourceId, items: b.items };
}

/**
 * Text PostgreSQL cannot store (U+0000) or that is not Unicode (a lone surrogate from a `\ud800` escape) is refused
 * with the field named (issue 12 point 8): silently dropping it would change what the vendor says it sent.
 */
function unstorable(v: string): string | null {
  if (v.includes('\u0000')) return '不能包含 NUL 字符（U+0000）';
  if (LONE_SURROGATE.test(v)) return '不能包含不成对的代理字符（无效的 Unicode）';
  return null;
}

function optionalString(v: unknown, field: keyof typeof LIMITS, errors: PushFieldError[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    errors.push({ field, message: '必须是字符串' });
    return null;
  }
  if (v.length > LIMITS[field]) errors.push({ field, message: `最多 ${LIMITS[field]} 个字符` });
  else {
    const problem = unstorable(v);
    if (problem) errors.push({ field, message: problem });
  }
  return v;
}

export function checkPushItem(raw: unknown, index: number, now: Date): CheckedPushItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { index, id: null, item: null, errors: [{ field: 'item', message: '每一条必须是 JSON 对象' }] };
  }
  const r = raw as Record<string, unknown>;
  const errors: PushFieldError[] = [];
  for (const k of Object.keys(r)) if (!ITEM_FIELDS.has(k)) errors.push({ field: k, message: '未知字段' });

  let id: string | null = null;
  if (typeof r.id === 'number' && Number.isSafeInteger(r.id) && r.id >= 0) id = String(r.id);
  else if (typeof r.id === 'string' && r.id.trim()) id = r.id.trim();
  if (id === null) errors.push({ field: 'id', message: '必须提供 id（非空字符串或非负整数）' });
  else if (id.length > LIMITS.id) errors.push({ field: 'id', message: `最多 ${LIMITS.id} 个字符` });
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(id)) errors.push({ field: 'id', message: '不能包含控制字符' });
  else if (LONE_SURROGATE.test(id))
    errors.push({ field: 'id', message: '不能包含不成对的代理字符（无效的 Unicode）' });

  const titleRaw = r.title === undefined ? undefined : optionalString(r.title, 'title', errors);
  if (r.title === undefined || r.title === null) errors.push({ field: 'title', message: '必须提供 title' });
  const textRaw = optionalString(r.text, 'text', errors);
  const htmlRaw = optionalString(r.html, 'html', errors);
  if (textRaw !== null && htmlRaw !== null)
    errors.push({ field: 'html', message: 'text 与 html 只能提供一个' });
  const title = htmlToText(titleRaw ?? '');
  const text = textRaw !== null ? collapseWhitespace(textRaw) : htmlToText(htmlRaw);
  if (titleRaw !== undefined && titleRaw !== null && !title && !text) {
    errors.push({ field: 'text', message: '标题和正文不能都为空' });
  }

  let url: string | null = null;
  const urlRaw = optionalString(r.url, 'url', errors);
  if (urlRaw !== null && urlRaw.trim()) {
    url = normaliseLink(urlRaw);
    if (url === null) errors.push({ field: 'url', message: '必须是 http 或 https 地址' });
  }
  const author = normaliseAuthor(optionalString(r.author, 'author', errors));

  let publishedAt: Date | null = null;
  if (r.publishedAt !== undefined && r.publishedAt !== null) {
    // ISO 8601 with an explicit offset (a bare local time would be read in the server's zone, silently wrong),
    // and a real date by the feeds' rule: year 1 or 30 February would drop the item out of every monthly figure.
    const t = typeof r.publishedAt === 'string' ? parseIsoWithZone(r.publishedAt) : null;
    if (!t) {
      errors.push({ field: 'publishedAt', message: publishedAtProblem(r.publishedAt) });
    } else if (t.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      errors.push({ field: 'publishedAt', message: '发布时间不能晚于当前时间' });
    } else publishedAt = t;
  }

  if (errors.length) return { index, id, item: null, errors };
  return {
    index,
    id: id!,
    errors: [],
    item: {
      key: `p:${id}`,
      guid: id,
      url,
      title,
      text,
      author,
      publishedAt,
      language: chooseLanguage(null, `${title} ${text}`),
    },
  };
}

/**
 * Why parseIsoWithZone (dates.ts, the feeds' rule) refused a publishedAt, in the rule's own terms. The Unix epoch
 * itself is refused on purpose (a generator's "no date"), so it gets its own message: "must be in 1900–2200" would
 * be false for it. Date.parse is only asked about the strict ISO shape, where its answer is specified.
 */
function publishedAtProblem(raw: unknown): string {
  const iso = typeof raw === 'string' && ISO_WITH_ZONE.test(raw);
  if (iso && Date.parse(raw) === 0) {
    return (
      '不能是 Unix 纪元零点 1970-01-01T00:00:00Z（生成器常以它表示“没有日期”）：' +
      '没有发布时间请省略 publishedAt，否则请给出真实的带时区 ISO 8601 时间'
    );
  }
  return (
    '必须是真实存在的带时区 ISO 8601 时间（年份 1900–2200，时区偏移不超过 ±14:00，不能是 Unix 纪元零点），' +
    '如 2026-11-02T09:30:00+08:00'
  );
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
