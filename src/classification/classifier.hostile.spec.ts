import { HOSTILE_PATTERNS, projectClassifier, repeatTo } from './classification.spec-support';

const c = projectClassifier();

/**
 * Outside input repeats whatever it likes, and every stage must stay linear in the hits. Comparing every hit with every
 * other took up to 7 s for 20,000 characters (朝阳区鼓楼区 × 3,300: every ambiguous district weighed against every
 * other) and 100 s for 200,000 (求助 as help word and complaint); so did repeated emoticons, nested matches,
 * insertion-sorting thousands of reasons and impersonation verbs against names. These cases hold what such texts are
 * classified as at the worker's cap (CLASSIFY_MAX_CHARS); their time is measured by `npm run bench -- classification`
 * (`hostileMaxMs`, `hostileMaxMsAt200k`), not asserted here.
 */
describe('classification of hostile repetition stays linear', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['a help word that is also a complaint word', '求助', { relevant: false, alert: false }],
    [
      'complaints beside the authority',
      '求助税务局推诿',
      { relevant: true, alert: true, category: '服务态度与效率' },
    ],
    ['emoticons', '[怒]😡', { negative: true, alert: false }],
    ['a whole token around an opinion word', '反腐败', { alert: false }],
    ['short sentences', '税务局态度差！', { alert: true, category: '服务态度与效率' }],
    // complaints of two weights alternating: the reasons are sorted by weight, thousands of them
    ['alternating complaints', '税务局态度差，推诿扯皮！', { alert: true, category: '服务态度与效率' }],
    ['contrast words at clause starts', '，就是', { alert: false }],
    ['rhetorical 不是…是什么', '这不是乱收费是什么？', { negative: true }],
    ['double negations without punctuation', '没有一个人不满意', { alert: false }],
    ['impersonation, verb and name each time', '冒充税务局', { alert: true, category: '涉税诈骗' }],
    // every ambiguous district weighed against every other: the first MAX_MENTIONS decide
    ['ambiguous districts', '朝阳区鼓楼区', { bureau: null }],
    // every authority word checked against every foreign name before it
    ['a foreign office named each time', '美国税务局', { relevant: false, alert: false }],
    // every contrast marker applied to every opinion (14 s for 虽然 × 10,000): the first MAX_MARKERS are read
    ['concession markers alone', '虽然', { alert: false }],
    ['turns between short negative sentences', '？但是#资金链断裂😡', { negative: true, alert: false }],
    // every category cue and every negation looked up from the text's start: 里应外合 (廉政问题) and the app (系统故障),
    // which leads since the complaint model's category heads weigh 3
    [
      'category cues and negations',
      '我里应外合个税app吵闹不',
      { relevant: true, category: '系统故障', secondaryCategories: ['廉政问题'] },
    ],
    ['negations before rhetoric', '没有@难道。12366', { relevant: true, category: '服务态度与效率' }],
    // every 不 looked at for a demand under threat (不送就): one pass over the tokens
    ['demands under threat', '税务局不送就补税', { relevant: true, alert: true }],
    // every 反映 looked at for a member of the public before it in its clause: one pass over the tokens
    ['relayed complaints', '市民反映税务局', { relevant: true, alert: true }],
    // every bare turn looks for praise before it and opinion after it: the first MAX_MARKERS are read
    ['praise and bare turns', '大厅很宽敞，但是', { relevant: false, alert: false }],
    // a subject carried from sentence to sentence: one pass over the sentences
    ['sentences carrying the authority', '税务局罚了我。太不近人情。', { alert: true, category: '执法争议' }],
    // headcounts and amounts read from numbers (grade.numbers.ts): a single regular pass each, at most 12 signals kept
    [
      'amounts and headcounts',
      '冒充税务局骗走186万元，四十多名受害人聚集',
      { alert: true, category: '涉税诈骗', gradeHint: 'II' },
    ],
    ['reach in figures', '税务局推诿，阅读量超5亿', { alert: true, gradeHint: 'II' }],
    // every scam word looked at for the authority's name before it (scam.called.ts): one pointer over the names
    ['the authority called a swindler', '税务局是骗子', { alert: true, category: '其他' }],
  ];

  it('covers every pattern the benchmark times', () => {
    expect(cases.map((k) => k[1]).sort()).toEqual([...HOSTILE_PATTERNS].sort());
  });

  it.each(cases)('%s', (_name, pattern, expected) => {
    const r = c.classify({ id: 'h', title: '', text: repeatTo(pattern, 20_000) });
    expect(r).toMatchObject(expected);
  });
});
