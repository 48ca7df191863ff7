import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBureauCatalog, placeStem } from '../../src/organisation/bureau-catalog';
import {
  CATEGORIES,
  COUNTS_END,
  COUNTS_START,
  countsMarkdown,
  DomainCase,
  GRADES,
  loadDomainCases,
  SOURCE_TIERS,
  Trap,
  TRAPS,
} from '../fixtures/classification/domain-cases';
import { SHARED_DIR } from '../support/shared';

/**
 * The two data assets the classifier depends on: the domain test set (test/fixtures/classification) and the general
 * sentiment lexicon (config/lexicon/general). Pure file checks — formats from contracts.md, coverage minimums from
 * issue 4 — so a broken edit fails here with a line number instead of as a mysterious accuracy drop.
 */

const ROOT = join(__dirname, '../..');
const LEXICON = join(ROOT, 'config/lexicon/general');
const SENTIMENT_CORPORA = join(SHARED_DIR, 'fixtures/sentiment');

describe('domain test set (test/fixtures/classification/domain-cases.jsonl)', () => {
  const cases = loadDomainCases();
  const catalog = buildBureauCatalog();
  const codes = new Set(catalog.map((b) => b.code));
  const regionCodes = new Set(catalog.map((b) => b.regionCode).filter((r): r is string => r !== null));

  it('has at least 450 cases with unique ids in file order', () => {
    expect(cases.length).toBeGreaterThanOrEqual(450);
    cases.forEach((c, i) => expect(c.id).toBe(`c${String(i + 1).padStart(3, '0')}`));
  });

  it('gives every case the documented shape', () => {
    const problems: string[] = [];
    const allowedKeys = new Set(['id', 'title', 'text', 'source', 'expect', 'trap', 'note']);
    const allowedExpect = new Set([
      'relevant',
      'alert',
      'negative',
      'bureau',
      'category',
      'gradeAtLeast',
      'grade',
    ]);
    for (const c of cases) {
      const bad = (why: string) => problems.push(`${c.id}: ${why}`);
      for (const k of Object.keys(c)) if (!allowedKeys.has(k)) bad(`unknown key ${k}`);
      for (const k of Object.keys(c.expect ?? {})) if (!allowedExpect.has(k)) bad(`unknown expect key ${k}`);
      if (typeof c.title !== 'string' || typeof c.text !== 'string' || !c.text.trim())
        bad('title/text must be strings, text non-empty');
      const length = (c.title ?? '').length + (c.text ?? '').length;
      if (length < 20 || length > 300) bad(`title + text is ${length} characters, outside 20–300`);
      if (!(c.trap in TRAPS)) bad(`unknown trap ${c.trap}`);
      if (typeof c.note !== 'string' || !c.note.trim()) bad('note is required');
      const e = c.expect;
      if (typeof e.relevant !== 'boolean' || typeof e.alert !== 'boolean')
        bad('relevant and alert are required booleans');
      if (e.negative !== undefined && typeof e.negative !== 'boolean')
        bad('negative must be a boolean when present');
      if (e.alert && !e.relevant) bad('an alert must be relevant');
      if (e.alert && e.negative === false) bad('an alert cannot be non-negative');
      if (e.alert && !CATEGORIES.includes(e.category as never))
        bad(`an alert needs a category, got ${e.category}`);
      if (!e.alert && e.category !== undefined && e.category !== null) bad('only alerts assert a category');
      if (!e.relevant && e.category !== null) bad('irrelevant items assert category null');
      if (e.gradeAtLeast !== undefined && !GRADES.includes(e.gradeAtLeast))
        bad(`bad gradeAtLeast ${e.gradeAtLeast}`);
      if (e.grade !== undefined && !GRADES.includes(e.grade)) bad(`bad grade ${e.grade}`);
      if (e.grade !== undefined && e.gradeAtLeast !== undefined) bad('grade and gradeAtLeast are exclusive');
      if ((e.grade || e.gradeAtLeast) && !e.alert) bad('only alerts assert a grade');
      if (c.source) {
        if (!SOURCE_TIERS.includes(c.source.tier)) bad(`bad source tier ${c.source.tier}`);
        if (c.source.regionCode !== undefined && !/^\d{6}$/.test(c.source.regionCode))
          bad('regionCode must be six digits');
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses only bureau and region codes that exist in the catalogue', () => {
    const unknown = cases.flatMap((c) => [
      ...(c.expect.bureau != null && !codes.has(c.expect.bureau)
        ? [`${c.id}: bureau ${c.expect.bureau}`]
        : []),
      ...(c.source?.regionCode && !regionCodes.has(c.source.regionCode)
        ? [`${c.id}: region ${c.source.regionCode}`]
        : []),
      // A channel bound to a bureau (its message board): the bureau exists and serves the source's region.
      ...(c.source?.bureauCode &&
      (!codes.has(c.source.bureauCode) ||
        catalog.find((b) => b.code === c.source!.bureauCode)!.regionCode !== c.source.regionCode)
        ? [`${c.id}: source bureau ${c.source.bureauCode}`]
        : []),
    ]);
    expect(unknown).toEqual([]);
  });

  it('asserts a bureau only when the text names its place or the source region is that bureau', () => {
    const byCode = new Map(catalog.map((b) => [b.code, b]));
    const unsupported = cases
      .filter((c) => c.expect.bureau && c.expect.bureau !== '00')
      .filter((c) => {
        const b = byCode.get(c.expect.bureau!)!;
        const said = `${c.title}${c.text}`;
        return !said.includes(placeStem(b.placeName)) && c.source?.regionCode !== b.regionCode;
      })
      .map((c) => `${c.id}: ${c.expect.bureau}`);
    expect(unsupported).toEqual([]);
  });

  it('covers every category with at least 25 alert cases', () => {
    const alerts = cases.filter((c) => c.expect.alert);
    const shortfall = CATEGORIES.map((category) => ({
      category,
      alerts: alerts.filter((c) => c.expect.category === category).length,
    })).filter((x) => x.alerts < 25);
    expect(shortfall).toEqual([]);
  });

  it('covers every trap named in issue 4 with at least 20 cases, with the expected polarity of each', () => {
    const of = (trap: Trap) => cases.filter((c) => c.trap === trap);
    const shortfall = (Object.keys(TRAPS) as Trap[]).filter((t) => t !== 'none' && of(t).length < 20);
    expect(shortfall).toEqual([]);
    // The traps that must not raise alerts, and those that must not even be relevant.
    expect(of('enforcement-news').every((c) => c.expect.relevant && !c.expect.alert)).toBe(true);
    expect(
      of('praise-or-neutral').every(
        (c) => c.expect.relevant && !c.expect.alert && c.expect.negative !== true,
      ),
    ).toBe(true);
    for (const t of ['private-agent', 'foreign-tax', 'unrelated-tax'] as Trap[]) {
      expect({
        trap: t,
        relevant: of(t)
          .filter((c) => c.expect.relevant)
          .map((c) => c.id),
      }).toEqual({ trap: t, relevant: [] });
    }
    expect(of('scam').every((c) => c.expect.alert && c.expect.category === '涉税诈骗')).toBe(true);
    // Both directions are present where a trap can go either way.
    for (const t of [
      'negation',
      'double-negation',
      'contrast',
      'rhetorical',
      'emoji-irony',
      'degree',
    ] as Trap[]) {
      const cs = of(t);
      expect({
        trap: t,
        negative: cs.some((c) => c.expect.negative === true),
        positive: cs.some((c) => c.expect.negative === false),
      }).toEqual({
        trap: t,
        negative: true,
        positive: true,
      });
    }
    const grades = of('grade-signal');
    expect(grades.filter((c) => c.expect.grade === 'IV').length).toBeGreaterThanOrEqual(4);
    expect(
      grades.filter((c) => c.expect.gradeAtLeast === 'II' || c.expect.gradeAtLeast === 'I').length,
    ).toBeGreaterThanOrEqual(12);
  });

  it('attributes the five 计划单列市 to their own codes and resolves ambiguous district names both ways', () => {
    const asserted = new Set(cases.map((c) => c.expect.bureau).filter((b): b is string => !!b));
    for (const code of ['2102', '3302', '3502', '3702', '4403']) expect(asserted.has(code)).toBe(true);
    // 朝阳区 in Beijing and in Changchun; 鼓楼区 in Nanjing, Xuzhou, Fuzhou and Kaifeng.
    for (const code of ['110105', '220104', '320106', '320302', '350102', '410204'])
      expect(asserted.has(code)).toBe(true);
    const planned = cases.filter((c) => c.trap === 'separately-planned');
    expect(planned.some((c) => ['21', '33', '35', '37', '44'].includes(c.expect.bureau ?? ''))).toBe(false);
  });

  it('has no duplicate texts and no text borrowed from the shared sentiment corpora', () => {
    const seen = new Map<string, string>();
    const dups = cases
      .filter((c) => (seen.has(c.text) ? true : (seen.set(c.text, c.id), false)))
      .map((c) => c.id);
    expect(dups).toEqual([]);
    if (!existsSync(SENTIMENT_CORPORA)) return;
    // Any 16-character run shared with a corpus line would mean copied text (measured: none, not even by chance).
    const W = 16;
    const windows = new Map<string, string>();
    for (const c of cases)
      for (let i = 0; i + W <= c.text.length; i++) windows.set(c.text.slice(i, i + W), c.id);
    const borrowed = new Set<string>();
    for (const f of ['waimai_10k.csv', 'online_shopping_10_cats.csv', 'weibo_senti_100k_subset2400.csv']) {
      for (const line of readFileSync(join(SENTIMENT_CORPORA, f), 'utf8').split('\n')) {
        for (let i = 0; i + W <= line.length; i++) {
          const id = windows.get(line.slice(i, i + W));
          if (id) borrowed.add(id);
        }
      }
    }
    expect([...borrowed]).toEqual([]);
  });

  it('has README counts that match the file (regenerate with update-readme.ts)', () => {
    const readme = readFileSync(join(ROOT, 'test/fixtures/classification/README.md'), 'utf8');
    const block = readme
      .slice(readme.indexOf(COUNTS_START) + COUNTS_START.length, readme.indexOf(COUNTS_END))
      .trim();
    expect(block).toBe(countsMarkdown(cases as DomainCase[]));
  });
});

interface LexiconLine {
  line: number;
  fields: string[];
}

/** Strict reading of the contract format: `#` comment lines, blank lines, TAB-separated fields, no stray spaces. */
function readLexicon(name: string): LexiconLine[] {
  const out: LexiconLine[] = [];
  readFileSync(join(LEXICON, name), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim() || raw.startsWith('#')) return;
      out.push({ line: i + 1, fields: raw.split('\t') });
    });
  return out;
}

function formatErrors(name: string, check: (fields: string[]) => string | null): string[] {
  return readLexicon(name).flatMap(({ line, fields }) => {
    const term = fields[0];
    if (term !== term.trim() || /\s/.test(term) || term.startsWith('#'))
      return [`${name}:${line}: bad term "${term}"`];
    const why = check(fields);
    return why ? [`${name}:${line}: ${why}`] : [];
  });
}

const weight = (min: number, max: number) => (fields: string[]) => {
  if (fields.length !== 2) return `expected term<TAB>number, got ${fields.length} fields`;
  const n = Number(fields[1]);
  return Number.isFinite(n) && fields[1].trim() === fields[1] && n >= min && n <= max
    ? null
    : `"${fields[1]}" not in [${min}, ${max}]`;
};

describe('general lexicon (config/lexicon/general)', () => {
  const FILES: Record<string, (fields: string[]) => string | null> = {
    'negative.txt': weight(0.5, 3),
    'positive.txt': weight(0.5, 3),
    'degree.txt': weight(0.1, 3),
    'negation.txt': (f) => (f.length === 1 ? null : 'negation lines hold the term only'),
    'contrast.txt': (f) =>
      f.length === 2 && (f[1] === 'before' || f[1] === 'after') ? null : 'expected term<TAB>before|after',
    'emoticons.txt': (f) => weight(-3, 3)(f) ?? (Number(f[1]) === 0 ? 'weight must not be 0' : null),
    // An optional third field: `praise` (sincere praise read plainly; irony only beside a complaint or a sneer).
    'irony.txt': (f) =>
      f.length === 3
        ? f[2] === 'praise'
          ? weight(0.5, 3)(f.slice(0, 2))
          : 'third field must be praise'
        : weight(0.5, 3)(f),
  };

  it.each(Object.keys(FILES))('%s follows the contract format', (name) => {
    expect(formatErrors(name, FILES[name])).toEqual([]);
  });

  it.each(Object.keys(FILES))('%s has no duplicate terms', (name) => {
    const seen = new Set<string>();
    const dups = readLexicon(name)
      .map((l) => l.fields[0])
      .filter((t) => (seen.has(t) ? true : (seen.add(t), false)));
    expect(dups).toEqual([]);
  });

  it('meets the size minimums: 2,500 negative and 1,500 positive entries', () => {
    expect(readLexicon('negative.txt').length).toBeGreaterThanOrEqual(2500);
    expect(readLexicon('positive.txt').length).toBeGreaterThanOrEqual(1500);
    expect(readLexicon('degree.txt').length).toBeGreaterThanOrEqual(50);
    expect(readLexicon('negation.txt').length).toBeGreaterThanOrEqual(30);
    expect(readLexicon('emoticons.txt').length).toBeGreaterThanOrEqual(200);
  });

  it('never lists a term as both negative and positive', () => {
    const negative = new Set(readLexicon('negative.txt').map((l) => l.fields[0]));
    expect(
      readLexicon('positive.txt')
        .filter((l) => negative.has(l.fields[0]))
        .map((l) => l.fields[0]),
    ).toEqual([]);
  });

  it('keeps enforcement vocabulary out of strong negativity (enforcement news is not a complaint)', () => {
    const negative = new Map(readLexicon('negative.txt').map((l) => [l.fields[0], Number(l.fields[1])]));
    const tooStrong = ['查处', '稽查', '处罚', '追缴', '补缴', '偷税', '逃税', '虚开', '立案', '检查'].filter(
      (t) => (negative.get(t) ?? 0) > 0.5,
    );
    expect(tooStrong).toEqual([]);
  });

  it('contains the everyday, service, review, slang and officialdom vocabulary the classifier relies on', () => {
    const negative = new Set(readLexicon('negative.txt').map((l) => l.fields[0]));
    const positive = new Set(readLexicon('positive.txt').map((l) => l.fields[0]));
    const emoticons = new Map(readLexicon('emoticons.txt').map((l) => [l.fields[0], Number(l.fields[1])]));
    const missingNegative = [
      ...['态度差', '推诿', '踢皮球', '不耐烦', '敷衍', '排队两小时', '打不通', '没人接', '办不了', '来回跑'],
      ...[
        '难吃',
        '太慢',
        '凉了',
        '送错',
        '漏送',
        '质量差',
        '退货',
        '掉色',
        '卡顿',
        '发热',
        '差评',
        '不值',
        '失望',
        '后悔',
        '坑',
        '垃圾',
        '骗人',
      ],
      ...['无语', '醉了', '坑爹', '辣鸡', '吐槽', '心塞', '破防'],
      ...[
        '不作为',
        '乱作为',
        '懒政',
        '官僚主义',
        '形式主义',
        '门难进脸难看事难办',
        '吃拿卡要',
        '乱收费',
        '一刀切',
      ],
    ].filter((t) => !negative.has(t));
    const missingPositive = [
      '好吃',
      '准时',
      '快',
      '划算',
      '满意',
      '推荐',
      '回购',
      '好评',
      '给力',
      '点赞',
      '绝绝子',
      'yyds',
      '666',
    ].filter((t) => !positive.has(t));
    expect({ missingNegative, missingPositive }).toEqual({ missingNegative: [], missingPositive: [] });
    for (const e of ['[怒]', '[泪]', '[吐]', '[抓狂]', '[衰]', '[挖鼻]', '[微笑]', '😡', '😭'])
      expect(emoticons.get(e)).toBeLessThan(0);
    for (const e of ['[哈哈]', '[赞]', '👍']) expect(emoticons.get(e)).toBeGreaterThan(0);
  });
});
