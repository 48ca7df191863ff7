import { classify, fired, projectClassifier } from '../classification.spec-support';
import { Classifier } from '../classifier';

const c = projectClassifier();
/** The same lexicons without the learned tone model, whose vote beside the authority's name would hide the rules. */
const rulesOnly = new Classifier(c.resources, null, null);

describe('a subject carried over to the next sentence (rules-7)', () => {
  it('opinion in the sentence right after one naming the authority is about it, in a long post', () => {
    const r = classify(
      rulesOnly,
      '龙华区税务局上个月给我开了罚单，说申报逾期了。我是第一次逾期，事先连个提醒都没有，太不近人情了。后来我交了。',
    );
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.authority')).toContain('target.authority:不近人情');
    // The chain goes on while nothing else is named, and ends after praise: the story moved on.
    const chained = classify(
      rulesOnly,
      '龙华区税务局上个月给我开了罚单，说申报逾期了。后来我交了。我是第一次逾期，事先连个提醒都没有，太不近人情了。',
    );
    expect(chained.alert).toBe(true);
    const movedOn = classify(
      rulesOnly,
      '下午去龙华区税务局办了登记，窗口很快就办好了。晚上又下大雨，快递也丢了，真是倒霉透了。今天太不顺了。',
    );
    expect(movedOn).toMatchObject({ relevant: true, alert: false });
  });

  it('not in enforcement news: its later sentences are about the offenders', () => {
    const r = classify(c, '某市税务局查处一起虚开发票案，涉案金额3000万元。涉案企业手段隐蔽，性质恶劣。');
    expect(r.alert).toBe(false);
    expect(fired(r, 'target.enforcement-news')).toContain('target.enforcement-news:查处');
  });
});

describe('news relaying the public’s complaint with other verbs (rules-7)', () => {
  it.each([
    ['不少网友质疑，区税务局要求个体户每周到大厅签到的做法没有必要。', '质疑'],
    ['多名商户吐槽，区税务局新上线的预约系统只能约第二天的号。', '吐槽'],
  ])('%s is a relayed complaint', (text, verb) => {
    const r = classify(rulesOnly, text);
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.complaint')).toContain(`target.complaint:${verb}`);
  });

  it('关于网民反映…的回复 is the office’s reply, not a relayed complaint', () => {
    const r = classify(
      rulesOnly,
      '经核实，近期申报期办税人数较多，我局已增开窗口并推行预约办税。',
      undefined,
      '关于网民反映“办税排队时间长”问题的回复',
    );
    expect(r.alert).toBe(false);
    expect(fired(r, 'target.complaint')).toEqual([]);
  });
});

describe('complaints in plain words (rules-7 lexicon)', () => {
  it.each([
    '去区税务局办个变更，问了三个窗口，问谁都说不归我管。',
    '从来没有打通过12366，一下午全是坐席忙。',
    '区税务局先把退税收回去再查，这是什么逻辑？',
    // how a rule was made, not the rule itself: the rule-maker's conduct
    '个税专项附加扣除的新规说改就改，也没有过渡期，我们怎么来得及准备。',
  ])('%s is an alert', (text) => expect(classify(rulesOnly, text).alert).toBe(true));

  it('a gripe about the rule itself still is none: 税率偏高 names no one who made or applied it', () => {
    expect(classify(rulesOnly, '个税专项附加扣除的额度还是偏低，一个月到手少了好几百。').alert).toBe(false);
  });

  it('以为…结果 with praise after it is no complaint: 刮目相看 is praise', () => {
    expect(classify(rulesOnly, '本以为要跑好几趟，结果一次就办好了，区税务局让我刮目相看。').alert).toBe(
      false,
    );
  });
});

describe('a problem solved is no complaint (rules-7)', () => {
  it('opinion and complaint words after 解决了 in its clause name what was solved', () => {
    const r = classify(rulesOnly, '区税务局帮我们解决了推诿扯皮好几年的老问题，点赞。');
    expect(r.alert).toBe(false);
    expect(fired(r, 'target.complaint')).toEqual([]);
  });

  it.each(['区税务局没解决的问题太多了，推诿扯皮。', '区税务局解决问题的态度太差。'])(
    'nothing solved (没解决, no 了): %s is a complaint',
    (text) => expect(classify(rulesOnly, text).alert).toBe(true),
  );
});
