/**
 * Feed dates, parsed by us rather than `new Date(string)` (whose non-ISO behaviour is implementation-defined and
 * which throws on `toISOString()` of a bad value). Accepts RFC 822/1123 and its many corruptions (JS and Java
 * `toString()` output, `GMT+8`, `CST`), ISO 8601, `2026-11-02 08:00:00` and `2026年11月2日 08:00`. A value without a
 * zone is read as Asia/Shanghai (UTC+8, no DST since 1991): the feeds we watch are Chinese. Anything else → null.
 */
const SHANGHAI = 8 * 60;

// prettier-ignore
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Minutes east of UTC. `CST` is China Standard Time here, not US Central: Java servers in China print it. */
// prettier-ignore
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, met: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  ist: 330, ict: 420, wib: 420, cst: 480, hkt: 480, sgt: 480, bjt: 480, cct: 480, awst: 480, pht: 480, myt: 480,
  jst: 540, kst: 540, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
};

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offset: number | null; // minutes east of UTC; null → Shanghai
}

/**
 * The one rule for what a publish date may be, for feeds and pushes alike: a real calendar day and time (no 30
 * February, month 13 or hour 25; `new Date()` would roll them over) in the years 1900–2200, and not the Unix epoch
 * itself, which is what a generator prints for "no date" (0 seconds). Anything else → null.
 */
function dateFromParts(p: DateParts): Date | null {
  const { year, month, day, hour, minute } = p;
  const second = Math.min(p.second, 59); // a leap second is not worth losing an item over
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute || second))) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, p.ms) - (p.offset ?? SHANGHAI) * 60_000;
  return Number.isFinite(utc) && utc !== 0 ? new Date(utc) : null;
}

/** `+0800`, `+08:00`, `+8`, `GMT+8`, `UTC+08:00`, `Z`, `CST` → minutes east of UTC; undefined if not a zone. */
export function parseZone(token: string): number | undefined {
  const t = token.toLowerCase();
  const m = t.match(/^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return minutes > 14 * 60 || Number(m[3] ?? 0) > 59 ? undefined : (m[1] === '-' ? -1 : 1) * minutes;
  }
  if (t in ZONES) return ZONES[t];
  if (/^[a-y]$/.test(t)) return 0; // RFC 2822: military zones are unreliable, treat as UTC
  return undefined;
}

function fraction(ms: string | undefined): number {
  return ms ? Math.round(Number(`0.${ms}`) * 1000) : 0;
}

/** year, month, day, then optional hour, minute, second and fraction in groups 1–7 of a numeric date pattern. */
function numeric(m: RegExpMatchArray, offset: number | null): Date | null {
  return dateFromParts({
    year: +m[1],
    month: +m[2],
    day: +m[3],
    hour: +(m[4] ?? 0),
    minute: +(m[5] ?? 0),
    second: +(m[6] ?? 0),
    ms: fraction(m[7]),
    offset,
  });
}

function parseIso(s: string): Date | null {
  const m = s.match(
    /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)?$/i,
  );
  if (!m) return null;
  return numeric(m, m[8] ? (parseZone(m[8]) ?? null) : null);
}

function parseLooseNumeric(s: string): Date | null {
  // 2026/11/02 08:00, 2026.11.02 8:00:00 +0800, 2026-11-2 8:00
  const m = s.match(
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:\s*(\S+))?$/,
  );
  if (!m) return null;
  const offset = m[8] === undefined ? null : parseZone(m[8]);
  if (offset === undefined) return null;
  return numeric(m, offset);
}

function parseChinese(s: string): Date | null {
  const m = s.match(
    /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:(?:星期|周|礼拜)[一二三四五六日天])?\s*(上午|早上|凌晨|中午|下午|晚上)?\s*(?:(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?\s*(?:[:：]?\s*(\d{1,2})\s*秒?)?)?$/,
  );
  if (!m) return null;
  let hour = +(m[5] ?? 0);
  if (m[4] && ['下午', '晚上'].includes(m[4]) && hour < 12) hour += 12;
  if (m[4] === '中午' && hour < 11) hour += 12;
  return dateFromParts({
    year: +m[1],
    month: +m[2],
    day: +m[3],
    hour,
    minute: +(m[6] ?? 0),
    second: +(m[7] ?? 0),
    ms: 0,
    offset: null,
  });
}

/** Token-based reader for RFC 822 and its relatives: `Mon, 2 Nov 2026 08:00:00 +0800`, `Mon Nov 02 08:00:00 CST 2026`. */
function parseTokens(s: string): Date | null {
  const tokens = s
    .replace(/\([^)]*\)/g, ' ') // "(China Standard Time)"
    .replace(/\b(GMT|UTC|UT)\s+([+-])/gi, '$1$2')
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let year: number | undefined,
    month: number | undefined,
    day: number | undefined,
    offset: number | null = null;
  let time: RegExpMatchArray | null = null;
  let pm: boolean | undefined;
  for (const tok of tokens) {
    const lower = tok.toLowerCase().replace(/\.$/, '');
    const t: RegExpMatchArray | null | false =
      !time && tok.match(/^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([+-]\d{2}:?\d{2}|z)?$/i);
    if (t) {
      time = t;
      if (t[5]) offset = parseZone(t[5])!;
    } else if (/^\d{4}$/.test(tok) && year === undefined) year = +tok;
    else if (/^\d{1,2}$/.test(tok) && day === undefined) day = +tok;
    else if (/^\d{2}$/.test(tok) && year === undefined) year = +tok < 70 ? 2000 + +tok : 1900 + +tok;
    else if (lower.slice(0, 3) in MONTHS && month === undefined && /^[a-z]+$/.test(lower))
      month = MONTHS[lower.slice(0, 3)];
    else if (/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/.test(lower)) continue;
    else if (lower === 'am' || lower === 'pm') pm = lower === 'pm';
    else if (parseZone(tok) !== undefined && /^[a-z+-]/i.test(tok)) offset = parseZone(tok)!;
    else return null;
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  let hour = time ? +time[1] : 0;
  if (pm !== undefined && hour <= 12) hour = (hour % 12) + (pm ? 12 : 0);
  return dateFromParts({
    year,
    month,
    day,
    hour,
    minute: time ? +time[2] : 0,
    second: time ? +(time[3] ?? 0) : 0,
    ms: fraction(time?.[4] ?? undefined),
    offset,
  });
}

/**
 * Strict ISO 8601 with an explicit offset (`2026-11-02T09:30:00+08:00`, `…Z`), for pushed items: a vendor must say
 * which zone it means. Same calendar rule as feeds; null for anything else.
 */
export function parseIsoWithZone(raw: string): Date | null {
  const m = raw.match(
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/,
  );
  const offset = m ? parseZone(m[8]) : undefined;
  return m && offset !== undefined ? numeric(m, offset) : null;
}

export function parseFeedDate(raw: unknown): Date | null {
  if (typeof raw !== 'string') return null;
  const s = raw
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/北京时间|東八區|东八区/g, ' +08:00 ')
    .trim();
  if (!s || s.length > 100) return null;
  if (/^\d{4}\s*年/.test(s)) return parseChinese(s.replace(/\s*\+08:00\s*/g, ''));
  return parseIso(s) ?? parseLooseNumeric(s) ?? parseTokens(s);
}
