import { classify, fired, projectClassifier } from '../classification.spec-support';
import { Classifier } from '../classifier';

const c = projectClassifier();
/** The same lexicons without the learned tone model: the rules' own verdict. */
const rulesOnly = new Classifier(c.resources, null, null);
/**
 * The rules with the tone model's vote, without the complaint model's: what the mechanics below decide (the complaint
 * model's vote, which may outweigh them, has its own specs: target.voice.spec.ts, train-complaint.test.ts).
 */
const noComplaint = c.withComplaintModel(null);

describe('against the authority, and the alert', () => {
  it('enforcement news: negative words, relevant, not an alert', () => {
    const r = classify(c, '某市税务局查处虚开发票团伙，涉案金额5亿元，犯罪嫌疑人已被移送公安机关。');
    expect(r).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
    expect(fired(r, 'target.enforcement-news')).toContain('target.enforcement-news:查处');
  });

  it('a departure ban and a public notice of arrears are enforcement news; the taxpayer banned may complain', () => {
    const news = classify(
      c,
      '某市税务局对两家长期欠税的企业负责人采取阻止出境措施，并将欠税信息向社会公告。',
    );
    expect(news).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
    expect(fired(news, 'target.enforcement-news')).toContain('target.enforcement-news:阻止出境');
    expect(classify(c, '我们公司被县税务局限制出境了，就因为欠了两千块税，太冤了！').alert).toBe(true);
  });

  // rules-20: before it, all six thanks were alerts (效率真高 and the like were always irony).
  it.each([
    ['今年个税汇算退了八百多，点赞税务局，效率真高！', false],
    ['退税申请第二天就到账了，我们区税务局效率真高啊', false],
    ['办税大厅的小姐姐服务真周到，还帮我一项项填表，给海淀区税务局点赞', false],
    ['税务局真是好样的，帮小微企业把留抵退税一次办好了', false],
    ['电子税务局新版上线，开票速度真快啊，比以前方便多了', false],
    ['大年三十了办税服务厅还有人值班，真是辛苦你们了', false],
    ['呵呵，税务局效率真高，退税三个月了还没到账', true],
    ['税务局效率真高啊[微笑]，一个完税证明让我跑了五趟', true],
    ['朝阳区税务局服务真周到啊，电话打了二十遍没人接', true],
    ['南山区税务局真是好样的，窗口排队三小时，轮到我说下班了', true],
    ['税务局效率真高，申报系统又崩了', true],
    // rules-21: 绝了 the same (before it, the praise word cancelled the fault beside it).
    ['个税APP这次更新绝了，更新完直接登不上去', true],
    ['绝了，电子税务局导出来的申报明细打开全是乱码', true],
    ['个税APP绝了，退税三天就到账了', false],
    ['龙岗区税务局这服务绝了，半小时就把留抵退税办完了', false],
  ])(
    'praise that may be sarcasm is sarcasm only beside a complaint or a sneer: %s → alert %s',
    (text, alert) => {
      expect(classify(c, text).alert).toBe(alert);
    },
  );

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

  it('以…名义 is impersonation only when the authority is the name used, not the one acting (rules-5)', () => {
    const used = classify(c, '有人以“区税务局”名义给商户打电话，要求把税款转到个人账户。');
    expect(used).toMatchObject({ alert: true, category: '涉税诈骗' });
    const acting = classify(c, '某区税务局以“培训资料费”名义向辖区个体户收取每户三百元，商户怨声载道。');
    expect(acting).toMatchObject({ alert: true, category: '收费与负担' });
  });

  it('自称 before the authority reports a claim: no scam alone, a scam with a demand for money (rules-19)', () => {
    const whistleblower = classify(
      c,
      '一位自称某区税务局干部的网友发帖说，单位每周给每人下达短视频转发指标，完不成就在例会上点名。',
    );
    expect(whistleblower.alert).toBe(true);
    expect(whistleblower.category).not.toBe('涉税诈骗');
    const rude = classify(c, '一个自称在区税务局上班的人在业主群里骂人，说来办事的个体户都是刁民。');
    expect(rude.category).not.toBe('涉税诈骗');
    const scam = classify(c, '有人打电话自称区税务局的专管员，让我先交三千元保证金才能解除发票锁定。');
    expect(scam).toMatchObject({ alert: true, category: '涉税诈骗' });
  });

  it('钓鱼 alone is angling, not phishing; 钓鱼链接 is still a scam (rules-5)', () => {
    expect(classify(c, '听说区税务局的几个干部上班时间开公车去水库钓鱼，有图有真相。').category).not.toBe(
      '涉税诈骗',
    );
    expect(classify(c, '收到一条“税务局”短信，点开是个钓鱼链接，要填银行卡号领退税。').category).toBe(
      '涉税诈骗',
    );
  });

  it('贵单位 in an official reply is a courtesy, not a complaint about prices (rules-5)', () => {
    const reply = classify(
      c,
      '您好，您反映的问题经核实，系贵单位上月漏报所致，现已协助完成补报。感谢您对税务工作的支持。',
    );
    expect(reply.alert).toBe(false);
    expect(fired(reply, 'tone.negative')).toEqual([]);
  });

  it('a hotline that is 摆设 is a complaint about service (rules-5)', () => {
    const r = classify(c, '区税务局的咨询电话就是个摆设，打了一星期没人理。');
    expect(r).toMatchObject({ alert: true, category: '服务态度与效率' });
    expect(fired(r, 'target.complaint').join()).toMatch(/摆设/);
  });

  it('a demand under threat (不订就办不了) is a complaint without opinion words; a notice of the same shape is not (rules-6)', () => {
    const r = classify(c, '县税务局要求个体户每户订一份报刊，一年两百八，不订就办不了业务');
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.complaint').join()).toMatch(/不订就/);
    // Without the threat the rules see no complaint in the demand (whether the post is negative is the tone model's
    // reading: trained on the team's cases, it reads a forced subscription as a grievance).
    expect(fired(classify(c, '县税务局要求个体户每户订一份报刊，一年两百八'), 'target.complaint')).toEqual(
      [],
    );
    // A notice's consequence (逾期不缴就加收滞纳金) stays a notice, and a proverb (不懂就问) is no demand.
    expect(classify(c, '国家税务总局某市税务局提醒：请按期缴纳税款，逾期不缴就加收滞纳金。').alert).toBe(
      false,
    );
    expect(classify(c, '在税务局办事不懂就问，工作人员都很耐心').alert).toBe(false);
  });

  it('news relaying the public’s complaint (有家长反映…) is an alert; an office’s reply or relayed praise is not (rules-6)', () => {
    const r = classify(
      c,
      '有家长反映，某小学班主任在家长群要求“应税务部门要求”全体家长下载个税App并截图上报。',
    );
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.complaint')).toContain('target.complaint:反映');
    expect(
      classify(c, '您好，关于您反映的发票领用问题，经核实已为您恢复领用，感谢您对税务工作的支持。').alert,
    ).toBe(false);
    expect(classify(c, '多家企业反映，区税务局推出的“容缺办理”让他们少跑了很多路，点赞。').alert).toBe(false);
  });

  it('strong suffering beside an official word makes the word a mention, not a notice (rules-6)', () => {
    const r = classify(
      c,
      '学校通知要配合区税务局搞“税收宣传月”，每个学生都要拍视频转发集赞，家长们苦不堪言。',
    );
    expect(r.alert).toBe(true);
    // A notice's own mild regret (不便) leaves it a notice.
    expect(classify(c, '区税务局温馨提示：系统升级期间给您带来不便，敬请谅解。').alert).toBe(false);
  });

  it('an emoticon closing a post that names the authority is aimed at the whole post (rules-6)', () => {
    const text =
      '个税App上申请的退税，审核了五十多天，状态一直是“税务机关审核中”。打热线让等，问要等多久，说不确定。请问是要等到明年吗[微笑]';
    const r = classify(c, text);
    expect(r.alert).toBe(true);
    expect(fired(r, 'target.authority')).toContain('target.authority:[微笑]');
    // The rules alone (no tone model) alert on the emoticon and not without it. (With the tone model the letter is
    // negative either way: a refund left waiting.)
    const rules = new Classifier(c.resources);
    expect(classify(rules, text).alert).toBe(true);
    expect(classify(rules, text.replace('[微笑]', '')).alert).toBe(false);
  });

  it('still not done after the effort (还是没排上), and rules read differently between places, are complaints (rules-6)', () => {
    expect(classify(c, '请问区税务局几点开始放号？我今天六点就到了还是没排上，门口排了一长串人').alert).toBe(
      true,
    );
    expect(
      classify(c, '同样的补偿金，北京说能单独计税，我在武汉税务局问，说要并入综合所得。各地口径能不能统一')
        .alert,
    ).toBe(true);
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

  it('an enforcement story ending in sentences (主犯被判刑) is news; an official sentenced for bribery is not', () => {
    expect(classify(c, '税务局稽查局查处了一个虚开团伙，骗取退税上亿元，主犯被判刑十年。').alert).toBe(false);
    expect(classify(c, '某区税务局原副局长收受贿赂被查处，已被判刑。').alert).toBe(true);
  });
});

describe('notices and scam warnings are third-person statements', () => {
  it('an official phrase quoted in a first-person complaint or a question does not make it a notice', () => {
    for (const text of [
      '打了三次12366，客服每次都是那句“温馨提示：请耐心等待”，我的退税到现在还没到账。',
      '专管员说这是总局答记者问里的口径，那我们小企业的损失谁来承担？',
    ]) {
      const r = classify(c, text);
      expect(r).toMatchObject({ relevant: true, againstAuthority: true, alert: true });
      expect(fired(r, 'target.official')).toEqual([]);
    }
  });

  it('a notice stays a notice', () => {
    const r = classify(
      c,
      '温馨提醒：个税汇算将于6月30日结束，请尚未办理的纳税人抓紧时间，逾期将影响纳税信用。',
    );
    expect(r).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
    expect(fired(r, 'target.official')).toContain('target.official:温馨提醒');
  });

  it('news of the authority’s own integrity work is not an accusation; corruption reported still is', () => {
    const meeting = classify(c, '上海长宁区税务局召开2024年党风廉政建设和反腐败工作会议，部署全年重点任务。');
    expect(meeting).toMatchObject({ relevant: true, againstAuthority: false, alert: false });
    expect(fired(meeting, 'target.official')).toContain('target.official:反腐败');
    const accused = classify(c, '某区税务局反腐败喊了多年，工作人员吃拿卡要照旧，企业苦不堪言。');
    expect(accused).toMatchObject({ alert: true, category: '廉政问题' });
  });

  it('a generic payment or call word (被转走, 银行卡) does not make a complaint a scam warning', () => {
    const r = classify(c, '12366的等待时间简直长得离谱，四十分钟才接通，接通后三句话就被转走。');
    expect(r).toMatchObject({ relevant: true, againstAuthority: true, alert: true });
    expect(fired(r, 'target.scam-warning')).toEqual([]);
    const warning = classify(
      c,
      '税务部门提醒：不法分子冒充税务人员发送退税链接，诱骗点击后银行卡资金被转走。',
    );
    expect(warning.category).toBe('涉税诈骗');
    expect(warning.againstAuthority).toBe(false);
  });

  it('发票失控 is an invoice status, not an opinion: an agent’s advert naming it is no complaint', () => {
    const ad = classify(c, '专业处理税务异常、非正常户解除、发票失控，资深团队，包办包过！私信咨询');
    expect(ad.alert).toBe(false);
    expect(fired(ad, 'relevance.policy')).toContain('relevance.policy:发票失控');
    expect(classify(c, '开票系统又失控了，税务局的系统太差了').alert).toBe(true);
  });
});

describe("the tone model's vote beside the authority's name", () => {
  // Complaints in plain words: no lexicon opinion term, so the rules alone do not find them aimed at anyone.
  const plain = [
    '县税务局办税大厅复印一张身份证都要收五块钱，隔壁县早就免费了。',
    '在我们那个税务分局，逢年过节不给专管员拿点东西，发票就领不下来。',
  ];

  it.each(plain)('counts where the model is negative and the authority is named: %s', (text) => {
    const r = classify(c, text);
    expect(r).toMatchObject({ relevant: true, negative: true, againstAuthority: true, alert: true });
    expect(fired(r, 'target.authority').length).toBeGreaterThan(0);
    expect(classify(rulesOnly, text).againstAuthority).toBe(false);
  });

  it('does not count in advice posts or enforcement news, however negative the model finds them', () => {
    for (const text of [
      // (Plainer advice and enforcement news — 税务局查账最怕这三点, 依法查处一起偷税案件 — are no longer negative to the tone
      // model since it learned from the team's cases: these still are.)
      '避坑指南：税务局查账太狠了，被罚款补税滞纳金一大堆，太惨了，老板们一定要看。',
      '某市税务局查处一起虚开发票案件，犯罪团伙手段恶劣，性质极其严重，造成国家税款巨额损失。',
    ]) {
      const r = classify(c, text);
      expect(r.negative).toBe(true);
      expect(r.againstAuthority).toBe(false);
    }
  });

  it('needs the authority named: a negative post about a tax alone is not against it', () => {
    const r = classify(c, '今年增值税申报表又改版了。好多栏次看不懂。会计这行越来越难干了。');
    expect(r).toMatchObject({ relevant: true, negative: true, againstAuthority: false, alert: false });
  });

  it('to the rules, a short gripe about a tax law alone is not against the authority; named, or on its channel, it is', () => {
    const law = '小规模纳税人的增值税税率还是偏高，利润本来就薄，希望能再降一降。';
    expect(classify(noComplaint, law)).toMatchObject({
      relevant: true,
      againstAuthority: false,
      alert: false,
    });
    // Since 2026-12-07 the team labels such gripes alerts of 政策争议, as every independent author does
    // (test/fixtures/classification/README.md): the complaint model learned them, and its vote decides. A wish as
    // mild as the one above (希望能再降一降) is no longer one since the chars head joined the complaint margin
    // (CHARS_MIX: its margin 0.69 → 0.03, the chars head read it as no complaint); a plain gripe still is.
    const gripe = '小规模纳税人的增值税税率太高了，利润本来就薄，根本活不下去。';
    expect(classify(noComplaint, gripe)).toMatchObject({ againstAuthority: false, alert: false });
    expect(classify(c, gripe)).toMatchObject({ alert: true, category: '政策争议' });
    const named = '区税务局说小规模纳税人的增值税税率不能减，利润本来就薄，太难了。';
    expect(classify(c, named)).toMatchObject({ againstAuthority: true, alert: true });
    // a bureau's own message board is addressed to the bureau
    expect(classify(noComplaint, law, { regionCode: '330100', bureauCode: '3301' }).alert).toBe(true);
    // the authority's own procedure named (个税汇算) is its service, not the law
    const procedure = classify(c, '这次个税汇算的体验太差了，填了三遍都没提交成功。');
    expect(procedure.alert).toBe(true);
  });
});
