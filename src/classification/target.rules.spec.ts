import { classify, fired, projectClassifier } from './classification.spec-support';

const c = projectClassifier();

describe('against the authority, and the alert', () => {
  it('enforcement news: negative words, relevant, not an alert', () => {
    const r = classify(c, '某市税务局查处虚开发票团伙，涉案金额5亿元，犯罪嫌疑人已被移送公安机关。');
    expect(r).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
    expect(fired(r, 'target.enforcement-news')).toContain('target.enforcement-news:查处');
  });

  it('a complaint about the service: against the authority, an alert', () => {
    const r = classify(c, '办税服务厅工作人员态度恶劣，推诿扯皮，跑了三趟都没办成。');
    expect(r).toMatchObject({ relevant: true, negative: true, againstAuthority: true, alert: true });
    expect(fired(r, 'target.complaint')).toEqual(
      expect.arrayContaining(['target.complaint:态度恶劣', 'target.complaint:推诿扯皮']),
    );
  });

  it('criticism of enforcement itself is not enforcement news (暴力执法, first-person accounts)', () => {
    expect(classify(c, '税务局稽查人员暴力执法，查处我店时把账本都扔了，太欺负人了').alert).toBe(true);
  });

  it('a negated complaint is not one (该局并非不作为)', () => {
    expect(classify(c, '经核实，某区税务局并非不作为，已于当日受理并办结。').alert).toBe(false);
  });

  it('praise is not an alert', () => {
    expect(classify(c, '点赞税务局！个税汇算十分钟就办完了，退税第二天就到账。').alert).toBe(false);
  });

  it('scams impersonating the authority are alerts whatever the tone, category 涉税诈骗', () => {
    const r = classify(
      c,
      '有人冒充深圳市南山区税务局的工作人员打电话，说可以内部渠道快速办理出口退税，先交服务费。',
    );
    expect(r).toMatchObject({ relevant: true, alert: true, category: '涉税诈骗' });
    expect(classify(c, '有人自称是南京市税务局稽查局的，要把账户资金转到安全账户配合调查').alert).toBe(true);
  });

  it('an emergency at a tax bureau (a crowd, an injury) is an alert even in neutral words', () => {
    const r = classify(c, '几十名农民工聚集在县税务局门口，要求解冻企业账户发放工资，现场有人情绪激动。');
    expect(r.alert).toBe(true);
  });

  it('negativity about something else in a long text is not aimed at the authority', () => {
    const r = classify(
      c,
      '今天天气糟透了，堵车堵了一个小时，午饭也难吃得要命，心情很差。下午去税务局办了个体户登记，窗口很快就办好了。' +
        '晚上又下大雨，快递也丢了，真是倒霉的一天。',
    );
    expect(r.relevant).toBe(true);
    expect(r.negative).toBe(true);
    expect(r.againstAuthority).toBe(false);
  });
});
