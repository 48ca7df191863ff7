import type { Grade } from '../classification.types';

/**
 * Grade signals carried by numbers, which no lexicon term can list: how many people gathered (约四十名, 数十名), how much
 * a scam took (被骗18万, 转账286万元) and how far a topic spread (阅读量超5亿, 转发量超过3万次). DOMAIN.md's signals
 * (group incidents, spread) and the team sets' reading of them: a scam's large loss is at least Ⅲ, a crowd of dozens
 * gathered (聚集, 静坐, 拉横幅 in the headcount's sentence) is a group incident (Ⅱ), national reach is Ⅱ.
 * Each pattern is a single pass without nested repetition (linear on hostile input), and only alerts are read.
 */
export interface NumberSignal {
  signal: string;
  grade: Grade;
  start: number;
  end: number;
}

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

/** Chinese numerals as they are written in counts of people and money (四十, 二十多, 一百); null when not a number. */
function chineseNumber(s: string): number | null {
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

/** 四十 → 40, 40 → 40, 数十 / 几十 → 20, 近百 / 上百 → 100, 上万 → 10,000 (the least each word allows). */
function countOf(raw: string): number | null {
  if (/^\d/.test(raw)) return Number(raw);
  if (raw in VAGUE) return VAGUE[raw];
  return chineseNumber(raw);
}
const VAGUE: Record<string, number> = {
  数十: 20,
  几十: 20,
  十余: 10,
  近百: 90,
  上百: 100,
  数百: 200,
  几百: 200,
  上万: 10_000,
  数万: 20_000,
  几万: 20_000,
};

// A headcount: a number (not a rank: 第四十名, 前100名; not inside a longer number), optionally 万 and 多/余, then a
// measure word for people or households (人 not as in 人工, 人民币, 人次, 人均 …).
const HEADCOUNT =
  /(?<![第前排\d])(\d{1,6}|数十|几十|近百|上百|数百|几百|上万|数万|几万|[一二两三四五六七八九十百千]{1,6})(万)?[多余]?(?:名|位|户|人(?![工民员士口均次社行保称气数]))/g;
/** Hotlines read as numbers before 人 (12366人工): never a crowd. */
const HOTLINES = new Set(['12366', '12345', '12315']);
/** A gathering in the headcount's own sentence (strong words only: 情绪激动 beside a queue is no gathering). */
const GATHERED =
  /聚集|围堵|静坐|拉横幅|举横幅|打横幅|拉起横幅|集体上访|集体维权|集体抗议|抗议|堵门|聚在|聚到|围在/;
// An amount in 万 or 亿 (元 optional): 186万元, 26万余元, 3.5亿, 数十万, 上百万.
const AMOUNT =
  /(?<!\d)(\d{1,6}(?:\.\d{1,4})?|数十|几十|十余|上百|数百|几百|[一二两三四五六七八九十百千]{1,6})[多余]?(万|亿)/g;
// Reach: 阅读量超5亿, 播放量破2亿, 转发量已超过3万次.
const REACH =
  /(阅读|播放|浏览|转发)量?(?:已经|已)?(?:超过|超|破|过|达到|达|逾)?(\d{1,6}(?:\.\d{1,4})?)(万|亿)/g;

/** The item is about a swindle (and not one avoided: 幸好没被骗). */
const SCAMMED = /被骗|骗走|骗了|骗取|骗转|诈骗|受骗|上当|骗子|骗局|行骗/;
const AVOIDED = /没被骗|未被骗|没有被骗|没上当|未上当|差点|险些|幸好|幸亏|及时止损/;
/** What took the money, just before the amount (骗转账186万元, 共被骗26万) or just after it (186万元被骗). */
const LOSS_BEFORE =
  /(?:被骗|骗走|骗取|骗了|骗转|转账|转出|转了|转走|汇款|汇了|汇出|损失|共计|累计|涉案金额)[^，。！？\n]{0,6}$/;
const LOSS_AFTER = /^元?(?:余元)?(?:被骗|被转走|被骗走)/;

const END = /[。！？!?\n；;]/;

/** The sentence around `at` (at most 200 characters each way). */
function sentenceAround(text: string, at: number): string {
  let s = at;
  while (s > 0 && !END.test(text[s - 1]) && at - s < 200) s--;
  let e = at;
  while (e < text.length && !END.test(text[e]) && e - at < 200) e++;
  return text.slice(s, e);
}

/** At most this many signals of each kind: one decides the grade, the rest are reasons (a hostile text repeats). */
const PER_KIND = 3;
/** Headcounts whose sentence is read (up to 400 characters each): a text with more of them is no crowd report. */
const MAX_HEADCOUNTS = 50;

/** The number signals of an alert's text. */
export function numberSignals(text: string): NumberSignal[] {
  const out: NumberSignal[] = [];
  const found = (signal: string, grade: Grade, m: RegExpExecArray) =>
    out.push({ signal, grade, start: m.index, end: m.index + m[0].length });
  let kept = 0;
  let looked = 0;
  for (const m of text.matchAll(HEADCOUNT)) {
    if (kept >= PER_KIND || looked >= MAX_HEADCOUNTS) break;
    const n = countOf(m[1]);
    if (n === null || HOTLINES.has(m[1]) || n * (m[2] ? 1e4 : 1) < 20) continue;
    looked++;
    if (!GATHERED.test(sentenceAround(text, m.index))) continue;
    found('group', 'II', m); // a crowd of dozens gathered: DOMAIN.md's group incident
    kept++;
  }
  kept = 0;
  const scam = SCAMMED.test(text) && !AVOIDED.test(text);
  for (const m of scam ? text.matchAll(AMOUNT) : []) {
    if (kept >= PER_KIND) break;
    const n = countOf(m[1]);
    if (n === null) continue;
    const yuan = n * (m[2] === '亿' ? 1e8 : 1e4);
    const end = m.index + m[0].length;
    const taken =
      LOSS_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index)) ||
      LOSS_AFTER.test(text.slice(end, end + 5));
    if (yuan < 1e5 || !taken) continue;
    found('loss', yuan >= 1e7 ? 'II' : 'III', m);
    kept++;
  }
  kept = 0;
  for (const m of text.matchAll(REACH)) {
    if (kept >= PER_KIND) break;
    const n = Number(m[2]) * (m[3] === '亿' ? 1e8 : 1e4);
    // reposts count for more than reads (the lexicon's 转发过万 and 10万+ are both Ⅲ)
    if (m[1] === '转发' ? n < 1e4 : n < 1e5) continue;
    found(n >= 1e8 ? 'national' : 'spread', n >= 1e8 ? 'II' : 'III', m);
    kept++;
  }
  return out;
}
