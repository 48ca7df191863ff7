import { classifierFor, docOf, lexiconDir, projectClassifier } from '../classification.spec-support';
import { TONE } from './rules.params';
import { scoreTone } from './tone.scorer';

/** Mechanics on a lexicon whose weights the test knows. */
const known = classifierFor([
  lexiconDir({
    'positive.txt': '满意\t2\n耐心\t2\n方便\t2\n为人民服务\t2\n效率高\t2\n',
    'negative.txt': '差\t2\n慢\t2\n不作为\t2\n',
    'degree.txt': '很\t1.5\n非常\t2\n不太\t0.7\n',
    'negation.txt': '不\n没有\n并非\n不是\n不太\n',
    'contrast.txt': '虽然\tbefore\n但是\tafter\n',
    'emoticons.txt': '[怒]\t-2\n[赞]\t1.5\n',
    'irony.txt': '呵呵\t1.5\n效率真高\t2.5\tpraise\n',
    'rhetorical.txt': '难道\t1.5\n能不能\t1.5\n',
    'denial.txt': '谁说\t1\n',
  }),
]);
const raw = (text: string) => scoreTone(docOf(known, text)).raw;

describe('scoreTone mechanics', () => {
  it('scales by degree adverbs and applies the negativity bias', () => {
    expect(raw('很满意')).toBeCloseTo(3); // 2 × 1.5
    expect(raw('非常差')).toBeCloseTo(-8); // -2 × 2 × bias 2
  });

  it('negates within the clause: 不满意 is negative, 很不满意 more so than 不是很满意', () => {
    const plain = raw('不满意');
    const strong = raw('很不满意');
    const soft = raw('不是很满意');
    expect(plain).toBeLessThan(0);
    expect(strong).toBeLessThan(0);
    expect(soft).toBeLessThan(0);
    expect(soft).toBeGreaterThan(plain); // a negated degree softens
  });

  it('stops negation at a clause boundary and at a content word (没有碰见这么差的)', () => {
    expect(raw('不，满意')).toBeGreaterThan(0);
    expect(raw('没有碰见这么差的')).toBeLessThan(0);
  });

  it('keeps the negation of a condition out of its outcome (不排队就慢, 不订就差) (rules-6)', () => {
    expect(raw('不排队就慢')).toBeLessThan(0);
    expect(raw('不订就差')).toBeLessThan(0);
    expect(raw('不订慢')).toBeGreaterThan(0); // one verb, then the opinion: reached as before
  });

  it('reads praise denied by a potential complement after it as negative (方便不了, 满意不起来) (rules-7)', () => {
    expect(raw('方便不了')).toBeCloseTo(-2 * TONE.negatedPositive * TONE.negativityBias);
    expect(raw('满意不起来')).toBeCloseTo(-2 * TONE.negatedPositive * TONE.negativityBias);
    // not across a clause boundary, and not after a complaint word (伤不起 is itself a complaint)
    expect(raw('很方便，不了解的人也会用')).toBeGreaterThan(0);
    expect(raw('差不了')).toBeCloseTo(raw('差'));
  });

  it('reads a question put to someone (想问问能不能…) as no rhetoric (rules-8)', () => {
    const rhetoric = (text: string) =>
      scoreTone(docOf(known, text)).reasons.filter((r) => r.rule === 'tone.rhetorical').length;
    expect(rhetoric('能不能快一点')).toBe(1);
    expect(raw('能不能快一点')).toBeCloseTo(-1.5 * TONE.negativityBias);
    expect(rhetoric('想问问能不能分期')).toBe(0);
    expect(raw('想问问能不能分期')).toBe(0);
    expect(rhetoric('我咨询一下能不能分期')).toBe(0);
    // only in its own clause: a question asked earlier does not soften a later one
    expect(rhetoric('问了，能不能快一点')).toBe(1);
  });

  it('reads 退了 before an amount of money as a refund, 不满 before a number as less than (rules-9)', () => {
    const refunds = classifierFor([lexiconDir({ 'negative.txt': '退了\t2\n不满\t2\n' })]);
    const r = (text: string) => scoreTone(docOf(refunds, text)).raw;
    for (const text of ['退了六百', '退了二百一十块', '退了1200元', '退了100多块钱', '还退了1200多。'])
      expect([text, r(text)]).toEqual([text, 0]);
    for (const text of ['退了三次', '退了3次', '退了一半', '退了吧', '退了'])
      expect([text, r(text)]).toEqual([text, -2 * TONE.negativityBias]);
    // 不满 before a number is "less than"; elsewhere dissatisfaction
    expect(r('不满二年按5.3%征收')).toBe(0);
    expect(r('月销售额不满10万元的免征')).toBe(0);
    expect(r('对处理结果不满')).toBe(-2 * TONE.negativityBias);
    // and so a March post showing off a refund is no complaint
    const c = projectClassifier();
    expect(c.classify({ id: '1', title: '', text: '晒一下今年的个税汇算，退了六百' }).alert).toBe(false);
  });

  it('reads a negated complaint as mildly positive (并非不作为)', () => {
    expect(raw('并非不作为')).toBeGreaterThan(0);
  });

  it('lets the turn decide in 虽然…但是, both ways', () => {
    expect(raw('虽然很慢，但是很满意')).toBeGreaterThan(0);
    expect(raw('虽然很满意，但是很慢')).toBeLessThan(0);
  });

  it('keeps the opinion before a turn that carries none (态度差，但是最后给办了)', () => {
    expect(raw('态度差，但是最后给办了')).toBeCloseTo(raw('态度差'));
  });

  it('turns praise into criticism in a rhetorical question, and denies criticism after 谁说', () => {
    expect(raw('难道这就是为人民服务？')).toBeLessThan(0);
    expect(raw('谁说办事慢？')).toBeGreaterThan(0);
  });

  it('reads 不是 X 是什么？ as affirming X, like 这不是…吗？', () => {
    expect(raw('这不是不作为是什么？')).toBeLessThan(0);
    expect(raw('这不是不作为人是什么？')).toBeLessThan(0);
    // a statement, or 是什么 further on, leaves the negation standing
    expect(raw('这不是不作为。')).toBeGreaterThan(0);
    expect(raw('这不是不作为，到底原因是什么？')).toBeGreaterThan(0);
  });

  it('reads irony markers and emoticons', () => {
    expect(raw('效率高，呵呵')).toBeLessThan(0);
    expect(raw('排队[怒]')).toBeLessThan(0);
    expect(raw('很方便[赞]')).toBeGreaterThan(0);
  });

  it('reads praise-only irony (`praise`) as irony only beside a complaint or a sneer (rules-20)', () => {
    expect(raw('效率真高')).toBe(0);
    expect(raw('很满意，效率真高')).toBeCloseTo(raw('很满意'));
    expect(raw('不作为，效率真高')).toBeLessThan(raw('不作为'));
    expect(raw('不作为')).toBeLessThan(0);
    expect(raw('很满意，效率真高，呵呵')).toBeLessThan(0);
  });

  it('explains with reasons whose offsets point at the terms', () => {
    const t = scoreTone(docOf(known, '很不满意', '标题'));
    const text = '标题\n很不满意';
    for (const r of t.reasons) expect(text.slice(r.start, r.end)).toBe(r.term);
    expect(t.reasons.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['tone.degree', 'tone.negation', 'tone.negative']),
    );
  });
});

describe('scoreTone with the project lexicons (the traps of issue 4)', () => {
  const c = projectClassifier();
  const negative = (text: string) => scoreTone(docOf(c, text)).negative;
  const turns = (text: string) =>
    scoreTone(docOf(c, text))
      .reasons.filter((r) => r.rule === 'tone.contrast')
      .map((r) => r.term);

  it('就是 and 只是 turn where they open a clause or follow an opinion, not inside a clause', () => {
    expect(turns('服务不错，就是排队太久')).toEqual(['就是']);
    expect(turns('服务不错就是排队太久')).toEqual(['就是']);
    expect(turns('态度还行，只是效率太低')).toEqual(['只是']);
    expect(turns('请问税务局的效率就是这样的吗？')).toEqual([]);
    expect(turns('如果只是收到短信还来得及')).toEqual([]);
  });

  it.each([
    ['办税服务厅工作人员态度恶劣，推诿扯皮', true],
    ['我对这次服务不是很满意', true],
    ['该局并非不作为，已于当日受理并办结', false],
    ['虽然排队有点久，但是工作人员很耐心，问题一次就解决了', false],
    ['虽然大厅很新，但是办事效率太低了', true],
    ['难道这就是为人民服务？', true],
    ['效率真高啊，呵呵', true],
    ['又崩了[怒][怒]', true],
    ['工作人员很热情，十分钟就办好了[赞]', false],
    ['态度有点差，问了两遍就不耐烦了，不过最后还是给办了', true],
    // 没有 + a quantified subject + a second negation: a double negation, whichever word carries the 不
    ['办税服务厅没有一个窗口不排长队的', true],
    ['没有一个工作人员不热情的', false],
    ['没有碰见这么不负责任的', true],
    // rules-12: an expectation worse than what happened negates what follows; the whole phrase 没有想象中好 stays negative
    ['没想象中那么麻烦，材料齐了半小时就办完', false],
    ['没有想象中那么复杂，跟着提示一步步填就行', false],
    ['没有想象中好，排了两个小时', true],
    ['服务没有想象的那么好', true],
    // rules-12: 谁还敢说 denies what follows
    ['谁还敢说税务所门难进、脸难看？', false],
    // rules-20: 再也不用 + a chore is relief (再也不用跑, 再也不用担心); 再也不用 + a product is still a vow never to use it
    ['有了电子税务局，再也不用跑大厅排队了', false],
    ['一个月不到就坏了，再也不用国产机', true],
  ])('%s → negative %s', (text, expected) => {
    expect(negative(text)).toBe(expected);
  });

  it('笑脸相迎 is praise, affirmed by a double negation (rules-12)', () => {
    expect(scoreTone(docOf(c, '来过六次大厅，没有一次不是笑脸相迎的')).raw).toBeGreaterThan(0);
  });
});
