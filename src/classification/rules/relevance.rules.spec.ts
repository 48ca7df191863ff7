import { classify, docOf, fired, projectClassifier } from '../classification.spec-support';
import { collectHits } from '../text/domain.hits';
import { addLearnedRelevance, judgeRelevance, relevanceVote } from './relevance.rules';
import { RELEVANCE } from './rules.params';

const c = projectClassifier();
const relevant = (text: string, source?: Parameters<typeof classify>[2]) =>
  classify(c, text, source).relevant;

describe('relevance', () => {
  it.each([
    ['办税服务厅工作人员态度恶劣', true],
    ['打12366一直占线', true],
    ['电子税务局又登不上了', true],
    ['今年个税汇算退了八百', true],
    ['社保费征收又出新规', true],
    ['冒充税务局的短信要我点链接', true],
    // rules-7: a reassessment with its tax named is the authority's act; 重新核定 alone may be an insurer's
    ['我们几家小饭馆都被重新核定了，月税额从两百涨到一千', true],
    ['保险公司重新核定了理赔金额，比原来少了一半', false],
    // rules-11: 加计扣除 / 加计抵减 exist only in tax law, so they are tax evidence alone
    ['研发费用加计扣除的审核口径，各区松紧不一', true],
    ['加计抵减到底怎么算，问了三个人三个说法', true],
    // rules-16: 电局 is what accountants call 电子税务局; inside 供电局 or 邮电局 (one token) it is not that word
    ['电局又崩了，申报页面转了半小时', true],
    ['电费又涨了，供电局能不能解释一下，客服电话打了半小时', false],
    // rules-18: 六税两费 and 减税降费 exist only in tax policy; 预缴 and 退税 are weak evidence (1.5): with other tax words
    ['六税两费减半听着好，我们这行一个都不沾边', true],
    ['减税降费的条件定得太死，冬季才开工的厂哪条都够不上', true],
    ['按季预缴改成按月预缴，每个月都得申报一遍', true],
    ['退税申报交上去三个月了还是审核中', true],
    ['按月预缴水电费，物业说是老规矩', false],
  ])('tax-authority work: %s → %s', (text, expected) => expect(relevant(text)).toBe(expected));

  it.each([
    ['代理记账、工商注册、税务筹划，价格优惠，微信同号', false],
    ['税务师事务所招聘注册税务师，待遇从优', false],
    ['个税筹划课程：教你合法利用年终奖降低个税，原价999现价199', false],
  ])('private tax agents and their ads: %s → %s', (text, expected) => expect(relevant(text)).toBe(expected));

  it.each([
    ['美国国税局（IRS）宣布延长报税截止日期', false],
    ['新加坡税务局推出新的电子报税系统，个人所得税申报更便捷', false],
    ['香港税务局发出今年的薪俸税报税表', false],
    // rules-5: a tax law beside another country, and nothing of the Chinese authority's, is that country's law
    ['日本政府宣布明年上调消费税税率，个人所得税起征点维持不变', false],
    ['个人所得税起征点维持不变，消费税税率明年上调', true],
    ['美国都在减税，我们的个人所得税起征点什么时候提高？问了区税务局也说不清', true],
  ])('other jurisdictions: %s → %s', (text, expected) => expect(relevant(text)).toBe(expected));

  it.each([
    ['这个面膜纯属智商税，别买', false],
    ['海南离岛免税店又打折了', false],
    ['出国旅游回来超过免税额度要在海关补税吗', false],
  ])('unrelated uses of 税: %s → %s', (text, expected) => expect(relevant(text)).toBe(expected));

  it('rules-18: 退税, 预缴, 稽查 and 查账 alone are tax evidence, too weak to decide alone', () => {
    const refund = classify(c, '办个退税还得先请科长吃顿饭');
    expect(fired(refund, 'relevance.service')).toContain('relevance.service:退税');
    expect(fired(classify(c, '稽查来了三回，材料越补越多'), 'relevance.authority')).toContain(
      'relevance.authority:稽查',
    );
    expect(fired(classify(c, '查账查了三个月，最后还是罚了两万'), 'relevance.service')).toContain(
      'relevance.service:查账',
    );
    expect(fired(classify(c, '按月预缴，资金压力太大'), 'relevance.service')).toContain(
      'relevance.service:预缴',
    );
    // 1.5 is below minEvidence: a bare word needs company (or the learned head's lift)
    const bare = docOf(c, '退税');
    expect(judgeRelevance(bare, collectHits(bare)).relevant).toBe(false);
  });

  it('rules-19: 税收优惠 and 税收政策, tax-only words, are weak evidence the relevance head may lift (1.5, was 1)', () => {
    const r = classify(c, '高新企业的税收优惠认定，材料交上去半年没动静，找了关系一周就批了');
    expect(fired(r, 'relevance.policy')).toContain('relevance.policy:税收优惠');
    expect(fired(r, 'relevance.learned')).toContain('relevance.learned:税收优惠');
    expect(r.relevant).toBe(true);
    const bare = docOf(c, '税收优惠');
    expect(judgeRelevance(bare, collectHits(bare)).relevant).toBe(false);
  });

  it('explains: the authority terms and the exclusions that fired', () => {
    const r = classify(c, '代理记账，专业报税，微信同号');
    expect(fired(r, 'relevance.exclude.agents')).toEqual(
      expect.arrayContaining(['relevance.exclude.agents:代理记账']),
    );
    const t = classify(c, '深圳市南山区税务局服务很好');
    expect(fired(t, 'relevance.bureau')).toContain('relevance.bureau:深圳市南山区税务局');
  });

  it('presumes tax context for items from a source bound to a bureau (a monitoring channel of that unit)', () => {
    const text = '跑了五趟，每次都说差材料，换谁都受不了';
    expect(relevant(text)).toBe(false);
    expect(relevant(text, { bureauCode: '3408' })).toBe(true);
    expect(
      fired(classify(c, text, { bureauCode: '3408', name: '安庆市税务局留言板' }), 'relevance.source'),
    ).toEqual(['relevance.source:安庆市税务局留言板']);
  });

  it('a source with only a region (local news, a city forum) helps weak tax words, but makes nothing else relevant', () => {
    // Every department's business arrives on a local site: a lift, a parking fee, a library queue are not tax work.
    for (const text of [
      '小区电梯坏了一个多月，物业一直拖着不修，请有关部门督促解决',
      '新开的商场停车费一小时15块，逛个街停车比买东西还贵',
      '跑了五趟，每次都说差材料，换谁都受不了',
    ])
      expect(relevant(text, { regionCode: '340800' })).toBe(false);
    // One weak tax word (窗口 alone is not enough without the region) gets over the line with it.
    const weak = '没有一个窗口不排长队的，进去就是一上午，能不能多开几个窗口？';
    expect(relevant(weak)).toBe(false);
    expect(relevant(weak, { regionCode: '320311' })).toBe(true);
  });
});

describe('the relevance head’s vote (addLearnedRelevance)', () => {
  const judged = (text: string) => {
    const doc = docOf(c, text);
    const hits = collectHits(doc);
    return { doc, hits, rel: judgeRelevance(doc, hits) };
  };
  const text = '升级以后以前的申报记录全查不到了';

  it('lifts an item with tax words of its own over the line, and names the heaviest of them', () => {
    const { doc, hits, rel } = judged(text);
    expect(rel.relevant).toBe(false);
    expect(rel.evidence).toBeGreaterThan(0);
    const margin = rel.margin;
    addLearnedRelevance(rel, () => -margin + 0.1, doc, hits);
    expect(rel).toMatchObject({ relevant: true, margin: expect.closeTo(0.1) });
    const at = doc.text.indexOf('申报');
    expect(rel.reasons.at(-1)).toEqual({ rule: 'relevance.learned', term: '申报', start: at, end: at + 2 });
  });

  it('is not asked where it cannot decide: the rules found the item relevant, or its tax words are too few', () => {
    const vote = jest.fn(() => 1);
    const { doc, hits, rel } = judged('办税服务厅工作人员态度恶劣');
    const before = { margin: rel.margin, reasons: rel.reasons.length };
    addLearnedRelevance(rel, vote, doc, hits);
    expect(rel).toMatchObject({ relevant: true, margin: before.margin });
    expect(rel.reasons).toHaveLength(before.reasons);
    const none = judged('这家外卖送得太慢了');
    addLearnedRelevance(none.rel, vote, none.doc, none.hits);
    expect(vote).not.toHaveBeenCalled();
  });

  it('leaves the margin alone when its vote does not carry the item over the line', () => {
    const { doc, hits, rel } = judged(text);
    const margin = rel.margin;
    addLearnedRelevance(rel, () => -margin - 0.1, doc, hits);
    expect(rel).toMatchObject({ relevant: false, margin });
  });

  it('never lowers the rules’ margin and never lifts an item with one plain tax word or none', () => {
    const a = judged('办税服务厅工作人员态度恶劣');
    const c = judged(text);
    addLearnedRelevance(c.rel, () => -5, c.doc, c.hits);
    expect(c.rel).toMatchObject({ relevant: false, margin: judged(text).rel.margin });
    addLearnedRelevance(a.rel, () => -5, a.doc, a.hits);
    expect(a.rel.relevant).toBe(true);
    const b = judged('排了一上午，窗口的人爱答不理'); // 窗口 alone: evidence 1, below the floor
    expect(b.rel.evidence).toBeLessThan(RELEVANCE.learnedFromEvidence);
    addLearnedRelevance(b.rel, () => 5, b.doc, b.hits);
    expect(b.rel).toMatchObject({
      relevant: false,
      margin: judged('排了一上午，窗口的人爱答不理').rel.margin,
    });
  });

  it('weighs the head’s margin within the cap', () => {
    expect(relevanceVote(100)).toBe(relevanceVote(RELEVANCE.learnedCap));
    expect(relevanceVote(2)).toBeCloseTo(2 * RELEVANCE.learnedWeight);
  });
});
