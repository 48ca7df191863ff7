import { classify, docOf, fired, projectClassifier } from '../classification.spec-support';
import { collectHits } from '../text/domain.hits';
import { judgeGenre } from './genre.rules';
import { scoreTone } from './tone.scorer';

const c = projectClassifier();
const genre = (text: string) => {
  const doc = docOf(c, text);
  return judgeGenre(doc, collectHits(doc), scoreTone(doc));
};

describe('explainers, adverts and help requests (genre)', () => {
  it('recognises advice vocabulary, topic hashtags and list markers', () => {
    expect(genre('干货！一篇讲明白小规模纳税人怎么报税，建议收藏').advice).toBe(true);
    expect(genre('注册公司、代理记账一站式服务，有需要私信我').advice).toBe(true);
    expect(genre('1️⃣增值税按季申报 2️⃣附加税减半，新手必看 #小规模纳税人# #报税#').advice).toBe(true);
    // one question word is not a help request: complaints ask too
    expect(genre('想问一下，税务局凭什么不给退税？').advice).toBe(false);
    expect(genre('今天去税务局办事，窗口工作人员态度很差。').advice).toBe(false);
  });

  it('a help request with a question is one; a rhetorical complaint is not', () => {
    expect(genre('请问个税汇算显示要补税两千多，这正常吗？税务局会不会查？').advice).toBe(true);
    expect(classify(c, '请问个税汇算显示要补税两千多，这正常吗？税务局会不会查？').alert).toBe(false);
    // criticism outside the question makes it rhetorical
    expect(genre('排队排了一上午，想问一下办税服务厅就开一个窗口合理吗？').advice).toBe(false);
    // and so does criticism before the asking begins, in the same question sentence
    const before = '一份清税证明拖了半年，请问税务局的效率就是这样的吗？';
    expect(genre(before).advice).toBe(false);
    expect(classify(c, before).alert).toBe(true);
  });

  it('求助 that makes a post a help request is not also an appeal against the authority', () => {
    const ask = '求助🙏 个税APP上住房租金专项扣除怎么填啊？房东不肯给身份证号，可以不填吗？';
    expect(genre(ask).advice).toBe(true);
    expect(classify(c, ask)).toMatchObject({ relevant: true, alert: false });
    // with criticism outside the question it is no help request, and 求助 counts as the appeal it is
    const r = classify(c, '求助！税务局窗口推诿扯皮，跑了五趟还办不了，请问该找谁？');
    expect(r.alert).toBe(true);
  });

  it('an advice post alerts on the writer’s own account beside the authority, not on warnings to readers', () => {
    const warning = '老板们注意！金税四期上线后税务稽查越来越严，很多企业被罚款补税，血亏！合理节税私信咨询';
    expect(classify(c, warning).alert).toBe(false);
    const own = '姐妹们干货分享：今天我被税务局约谈，态度特别凶，还要上门看仓库，我的跨境计划直接被扼杀了。';
    expect(classify(c, own).alert).toBe(true);
  });

  it('an explainer full of 踩坑 and 血亏 is no complaint about the authority', () => {
    const r = classify(
      c,
      '老板们注意啦！开票这件事踩坑太多，血亏的案例我见得多了。一、小规模纳税人季度30万以内免征增值税；二、专票要按税率交税。干货建议收藏，有问题私信。',
    );
    expect(r).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
  });

  it('an explainer still alerts where it names the authority in a complaint', () => {
    const r = classify(
      c,
      '干货分享，建议收藏：小规模纳税人季度30万以内免征增值税。吐槽一句，我们区税务局窗口工作人员态度恶劣，推诿扯皮，跑了三趟。',
    );
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.complaint')).toContain('target.complaint:态度恶劣');
  });
});

describe('a complaint must be anchored on the authority', () => {
  it('a longer gripe about a tax rate is not aimed at the authority', () => {
    const r = classify(
      c,
      '新规出来了。以后卖首饰要按13%的税率交增值税，还得开发票。成本又涨了一截，小店越来越难做，太贵了。顾客也不愿意买单。',
    );
    expect(r).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
  });

  it('the same gripe beside the authority named is', () => {
    const r = classify(
      c,
      '新规出来了。以后卖首饰要按13%的税率交增值税，还得开发票。区税务局的工作人员还说不交就罚款，态度蛮横。顾客也不愿意买单。',
    );
    expect(r.alert).toBe(true);
  });

  it('a short complaint about the authority’s own process stays an alert', () => {
    expect(classify(c, '个税汇算一算要补三千多，明明每个月都预扣了，太不合理了。').alert).toBe(true);
  });

  it('staff who cannot answer is a complaint, whatever the tone says', () => {
    const r = classify(c, '申报一直提示错误，打电话问专管员，也不知道怎么回事，还怪我填错了');
    expect(r).toMatchObject({ relevant: true, againstAuthority: true, alert: true });
    expect(fired(r, 'target.complaint')).toContain('target.complaint:也不知道');
  });

  it('figurative 抢救 in an advert is no injury', () => {
    const r = classify(c, '收到税局短信的老板还可以抢救一下，合规方案私信我');
    expect(r.alert).toBe(false);
    expect(r.gradeHint).toBeNull();
  });
});
