import type { Grade } from '../classification.types';

/**
 * Grade signals carried by numbers, which no lexicon term can list: how many people gathered (约四十名, 数十名), how much
 * a scam took (被骗18万, 转账286万元) and how far a topic spread (阅读量超5亿, 转发量超过3万次). DOMAIN.md's signals
 * (group incidents, spread) and the team sets' reading of them: a scam's large loss is at least Ⅲ, a crowd of dozens
 * gathered at a bureau is a group incident (Ⅱ, with a gathering cue: GRADE.combos), national reach is Ⅱ.
 * Each pattern is a single pass without nested repetition (linear on hostile input), and only alerts are read.
 */
export interface NumberSignal {
  signal: string;
  grade: Grade;
  start: number;
  end: number;
}

/** Chinese numerals as they are written in counts of people and money (四十, 二十多, 一百); null when not a number. */
function chineseNumber(s: string): number | null {
  const DIGIT: Record<string, number> = {
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
  };
  const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in UNIT) {
      total += (digit || 1) * UNIT[ch];
      digit = 0;
    } else return null;
  }
  return total + digit;
}

/** 四十 → 40, 40 → 40, 数十 / 几十 → 20, 近百 / 上百 → 100 (the least each word allows). */
function countOf(raw: string): number | null {
  if (/^\d/.test(raw)) return Number(raw);
  const vague: Record<string, number> = { 数十: 20, 几十: 20, 近百: 90, 上百: 100, 数百: 200, 几百: 200 };
  if (raw in vague) return vague[raw];
  return chineseNumber(raw);
}

// A headcount: a number, optionally 多/余, then a measure word for people or households.
const HEADCOUNT =
  /(\d{1,6}|数十|几十|近百|上百|数百|几百|[一二两三四五六七八九十百千]{1,6})[多余]?(?:名|人|位|户)(?!民币|员|士|口|均|次)/g;
// An amount in 万 or 亿 (元 optional): 186万元, 26万余元, 3.5亿, 数十万, 上百万.
const AMOUNT =
  /(\d{1,6}(?:\.\d{1,4})?|数十|几十|十余|上百|数百|几百|[一二两三四五六七八九十百千]{1,6})[多余]?(万|亿)/g;
// Reach: 阅读量超5亿, 播放量破2亿, 转发量已超过3万次.
const REACH =
  /(阅读|播放|浏览|转发)量?(?:已经|已)?(?:超过|超|破|过|达到|达|逾)?(\d{1,6}(?:\.\d{1,4})?)(万|亿)/g;

/** Money taken by a scam, not a demand called a swindle (补税180万元，简直是骗人). */
const SCAMMED = /被骗|骗走|骗了|骗取|骗转|诈骗|受骗|上当|骗子|骗局|行骗/;

/** The sentence around `at` (at most 200 characters each way): the scam word must be in the amount's sentence. */
function sentenceAround(text: string, at: number): string {
  const END = /[。！？!?\n；;]/;
  let s = at;
  while (s > 0 && !END.test(text[s - 1]) && at - s < 200) s--;
  let e = at;
  while (e < text.length && !END.test(text[e]) && e - at < 200) e++;
  return text.slice(s, e);
}

/** The number signals of an alert's text (at most a few of each: one is enough for the grade, the rest are reasons). */
export function numberSignals(text: string): NumberSignal[] {
  const out: NumberSignal[] = [];
  const add = (signal: string, grade: Grade, m: RegExpExecArray) => {
    if (out.length < 12) out.push({ signal, grade, start: m.index, end: m.index + m[0].length });
  };
  for (const m of text.matchAll(HEADCOUNT)) {
    const n = countOf(m[1]);
    if (n !== null && n >= 20) add('headcount', 'IV', m);
  }
  for (const m of text.matchAll(AMOUNT)) {
    const n = countOf(m[1]);
    if (n === null) continue;
    const yuan = n * (m[2] === '亿' ? 1e8 : 1e4);
    if (yuan >= 1e5 && SCAMMED.test(sentenceAround(text, m.index)))
      add('loss', yuan >= 1e7 ? 'II' : 'III', m);
  }
  for (const m of text.matchAll(REACH)) {
    const n = Number(m[2]) * (m[3] === '亿' ? 1e8 : 1e4);
    // reposts count for more than reads (the lexicon's 转发过万 and 10万+ are both Ⅲ)
    if (m[1] === '转发' ? n >= 1e4 : n >= 1e5)
      add(n >= 1e8 ? 'national' : 'spread', n >= 1e8 ? 'II' : 'III', m);
  }
  return out;
}
