import { classify, docOf, fired, projectClassifier } from '../classification.spec-support';
import { Classifier } from '../classifier';
import { collectHits } from '../text/domain.hits';
import { judgeGenre } from './genre.rules';
import { TARGET } from './rules.params';
import { judgeTarget } from './target.rules';
import { scoreTone } from './tone.scorer';

const c = projectClassifier();
/** The same lexicons without the learned tone model: what the rules alone decide. */
const rulesOnly = new Classifier(c.resources, null, null);

describe('the tone model’s verdict in a short post naming nobody (rules-8)', () => {
  it('counts beside the post’s tax-work term: a short post is about its subject as a whole', () => {
    const text = '个税汇算退税提交三个月了，到现在一分钱都没见着。';
    const r = classify(c, text);
    expect(r).toMatchObject({ relevant: true, negative: true, alert: true });
    expect(fired(r, 'target.authority')).toEqual(['target.authority:个税汇算']);
    // No opinion word: without the model's verdict nothing is aimed at the authority.
    expect(classify(rulesOnly, text).alert).toBe(false);
  });

  it('does not count when the subject is a tax law alone (a gripe about a rate is no complaint about the authority)', () => {
    const r = classify(c, '增值税税率13%，利润本来就薄，每个月算完税就剩不下几个钱。');
    expect(r).toMatchObject({ negative: true, alert: false });
  });
});

describe('approval of enforcement against an offender (rules-8)', () => {
  it.each([
    ['#某明星偷税# 又一个塌房的，被税务局罚了几千万，活该！支持严查🙌', '活该'],
    ['网红逃税被税务部门依法查处，罚得还不够重，这就对了。', '罚得还不够重'],
  ])('%s: the negative words are at the offender', (text, term) => {
    const r = classify(c, text);
    expect(r).toMatchObject({ relevant: true, negative: true, alert: false });
    expect(fired(r, 'target.support')).toEqual([`target.support:${term}`]);
  });

  it('not when the approval is negated or a complaint word stands beside it', () => {
    const negated = classify(c, '主播偷税被税务局查处，我不支持严查，查来查去都是做样子。');
    expect(negated.alert).toBe(true);
    expect(fired(negated, 'target.support')).toEqual([]);
    const complaint = classify(c, '明星偷税被查处，活该！可是区税务局对我们小店却吃拿卡要。');
    expect(complaint.alert).toBe(true);
    expect(fired(complaint, 'target.support')).toEqual([]);
  });

  it('leaves the writer’s own account or question beside the approval to be read (review of rules-8)', () => {
    const own = classify(
      c,
      '网红偷税被税务局查了，活该！支持严查。可我们小店也被税务局当成偷税的了，这不是双标吗？',
    );
    expect(own.alert).toBe(true);
    expect(fired(own, 'target.authority')).toContain('target.authority:双标');
  });
});

describe('a fear refuted by a turn (rules-8)', () => {
  it('is no complaint, however the model reads the fear’s words', () => {
    const r = classify(c, '本来挺害怕税务局来查账的，不过这次专管员讲得很细，还给了整改时间。');
    expect(r.alert).toBe(false);
    // A complaint later in the post is still one: the fear was refuted, not the rest of the post.
    const later = classify(
      c,
      '本来挺担心税务局的检查，不过查得很快就结束了。后来补税的通知一直没下来，打电话也没人接，等了两个月。',
    );
    expect(later.alert).toBe(true);
    // A hope refuted is a complaint all the same.
    const hope = classify(c, '本以为税务局退税很快，结果等了三个月还没到账。');
    expect(hope.alert).toBe(true);
  });
});

describe('the rule-maker’s drafting and timing (rules-8 lexicon)', () => {
  it.each([
    ['涉税新规写得太模糊了，视同销售的范围一个字都没解释。', '写得太模糊'],
    ['年终奖单独计税的政策每次都是年底最后一个月才公布，企业根本没法提前安排。', '才公布'],
  ])('%s is a complaint aimed at whoever made the rule', (text, term) => {
    const r = classify(rulesOnly, text);
    expect(r).toMatchObject({ relevant: true, alert: true });
    expect(fired(r, 'target.complaint')).toContain(`target.complaint:${term}`);
  });

  it('a provision’s own name (年终奖单独计税, 专项附加扣除) makes a post about tax policy', () => {
    expect(classify(rulesOnly, '年终奖单独计税到底延不延续？').relevant).toBe(true);
    expect(classify(rulesOnly, '专项附加扣除今年怎么填？').relevant).toBe(true);
    // A plain tax word alone still needs company.
    expect(classify(rulesOnly, '今年的年终奖还没发。').relevant).toBe(false);
  });
});

describe('an announcement told as a headline (rules-9)', () => {
  it.each([
    '某区税务局发布核定定额通知',
    '市税务局发布关于调整定额的通知',
    '某区税务局发布社保缴费通知',
    '省税务局下发通知，部署春节期间办税服务工作',
  ])('%s: official voice, no alert (the complaint model may only lower it)', (text) => {
    expect(classify(c, text)).toMatchObject({ relevant: true, alert: false });
    expect(classify(c, text).reasons.some((x) => x.rule === 'target.learned')).toBe(false);
  });

  it.each([
    '税务局发出的催缴通知莫名其妙多了两千滞纳金，问了三次都说不清',
    '区税务局下发的缴费通知金额算错了，打12366也没人管',
    '某区税务局发布核定定额通知，定额比去年翻了一倍，个体户怨声载道',
  ])('%s: an announcement with a negative word in it is someone’s view of it, still an alert', (text) => {
    expect(classify(c, text).alert).toBe(true);
  });

  it('needs the issued document too: a bureau’s film found copied is no notice, though 发布 is there', () => {
    const text = '区税务局近日发布的一部宣传短片，被网友发现与外省的宣传片台词高度雷同，连口号都一样。';
    expect(classify(c, text).alert).toBe(true);
  });
});

describe('汇算 alone is tax work (rules-9 lexicon)', () => {
  it('makes a post relevant; a note of the refund stays no alert, a claw-back is one', () => {
    for (const text of [
      '晒一下今年的汇算，退了六百',
      '记录一下：今年汇算退了二百一十块，三月二号提交，三月九号到账。',
    ])
      expect(classify(c, text)).toMatchObject({ relevant: true, alert: false });
    const clawBack =
      '去年汇算退给我的八百多块，今年又发通知让我退回去，说当时审核有误。你们审错了凭什么让我们买单？';
    expect(classify(c, clawBack)).toMatchObject({ relevant: true, alert: true });
  });
});

describe('宣传月 / 宣传周 name an event, not an official voice (rules-10)', () => {
  it('a chore imposed for the publicity month is a complaint; the bureau launching it is news', () => {
    const chore = classify(c, '税收宣传月每年都让企业派人去广场站一上午拍照，穿统一T恤，耽误一天生意');
    expect(chore).toMatchObject({ relevant: true, alert: true });
    // As an official-voice word it had made the sentence a notice, which the learned model may only lower.
    expect(fired(chore, 'target.official')).toEqual([]);
    expect(classify(c, '国家税务总局某市税务局启动第33个全国税收宣传月活动').alert).toBe(false);
  });
});

describe('the complaint model’s vote on a text the tone model reads as calm (rules-18)', () => {
  const text = '个税现在满二就没有了吧';
  const judge = (modelMargin: number, learned: number) => {
    const doc = docOf(c, text);
    const hits = collectHits(doc);
    const tone = scoreTone(doc);
    tone.modelMargin = modelMargin;
    tone.negative = modelMargin >= 0;
    return judgeTarget(doc, hits, tone, true, judgeGenre(doc, hits, tone), false, learned);
  };

  it('may not raise the margin where the tone model is clearly not negative (an alert is a negative opinion)', () => {
    const rules = judge(-2, 0).margin;
    expect(judge(-2, 3).margin).toBe(rules);
    expect(judge(-TARGET.learnedCalm - 0.01, 3).margin).toBe(rules);
    expect(judge(-2, 3).againstAuthority).toBe(false);
  });

  it('still raises it where the tone model is unsure, and lowers it whatever the tone', () => {
    const rules = judge(-0.5, 0).margin;
    expect(judge(-0.5, 3).margin).toBeCloseTo(rules + 3, 9);
    expect(judge(-2, -3).margin).toBeCloseTo(judge(-2, 0).margin - 3, 9);
  });
});
