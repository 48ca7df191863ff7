import { projectClassifier } from '../classification.spec-support';
import { unofficialAddress } from './scam.signals';

describe('scam signals', () => {
  const found = (t: string) => {
    const r = unofficialAddress(t);
    return r && t.slice(r[0], r[1]);
  };

  it('finds web and e-mail addresses and attachments that are not the authority’s own', () => {
    expect(found('请于今日登录 gs-btui.top 认证领取')).toBe('gs-btui.top');
    expect(found('发件邮箱：tax-gov2024@163.com）')).toBe('tax-gov2024@163.com');
    expect(found('请下载附件《填报说明.zip》')).toBe('.zip');
    expect(found('访问http://etax-refund.cn/x?id=1办理')).toBe('http://etax-refund.cn/x?id=1');
  });

  it('leaves official addresses, numbers and plain text alone', () => {
    expect(found('登录 https://etax.chinatax.gov.cn 或拨打12366')).toBeNull();
    expect(found('涉案金额2.3亿元，税率3.5%，同比增长12.5个百分点')).toBeNull();
    expect(found('个税APP上提交了专项附加扣除')).toBeNull();
    expect(found('e.g. A.B 1.0.2')).toBeNull();
  });

  it('is one pass over hostile input: a megabyte of address characters or dots returns at once', () => {
    expect(found('a.'.repeat(500_000))).toBeNull(); // single letters after each dot: not a host
    expect(found(`${'ab.'.repeat(300_000)}`)).toBe(`${'ab.'.repeat(300_000)}`);
    expect(found(`${'.'.repeat(1_000_000)}税务局`)).toBeNull();
  });

  it('a scam message or a report of one is an alert of 涉税诈骗; an official notice with its own site is not', () => {
    const c = projectClassifier();
    const classify = (text: string) => c.classify({ id: '1', title: '', text });
    for (const text of [
      '【个人所得税】您有一笔个税退还待确认，请于48小时内登录 grsds-tui.cc 认证领取，逾期作废。',
      '我妈接到“税务局”电话，说她名下房产要补缴税款，不交就上征信，差点把钱转过去。',
      '有不法分子用伪基站群发所谓12366短信，点开就是钓鱼网站，大家注意。',
      // rules-7: a warning passed on by a member of the public (带链接的短信 is a tell-tale phrase)
      '最近很多人收到“退税”短信，退税只在个税App办理，带链接的短信都是骗局，转给爸妈。',
    ])
      expect(classify(text)).toMatchObject({ alert: true, category: '涉税诈骗' });
    const notice = classify(
      '国家税务总局某市税务局提醒：年度汇算可通过 https://etax.chinatax.gov.cn 办理，咨询请拨打12366。',
    );
    expect(notice.alert).toBe(false);
  });

  it('a bureau’s full name in quotes is the impersonation sign too (rules-7), not only the bare authority word', () => {
    const c = projectClassifier();
    const r = c.classify({
      id: '1',
      title: '',
      text: '接到“深圳市南山区税务局”的电话，说我的个税汇算有异常，让我加QQ接收通知。',
    });
    expect(r).toMatchObject({ alert: true, category: '涉税诈骗' });
    expect(r.reasons.map((x) => `${x.rule}:${x.term}`)).toContain('scam.quoted-authority:深圳市南山区税务局');
    // Unquoted, the same bureau is the bureau itself: no impersonation sign.
    const plain = c.classify({
      id: '2',
      title: '',
      text: '深圳市南山区税务局的电话一直占线，个税汇算的问题问不到。',
    });
    expect(plain.reasons.some((x) => x.rule === 'scam.quoted-authority')).toBe(false);
  });

  it('the authority as a text message’s 【signature】 with an address not its own is a scam (rules-14)', () => {
    const c = projectClassifier();
    const classify = (text: string) => c.classify({ id: '1', title: '', text });
    const scam = classify(
      '【国家税务总局】您有一笔个税退税1860元未领取，请于今日登录 tui-shui.vip 办理，逾期视为放弃。',
    );
    expect(scam).toMatchObject({ alert: true, category: '涉税诈骗' });
    expect(scam.reasons.map((x) => `${x.rule}:${x.term}`)).toContain('scam.quoted-authority:国家税务总局');
    // The real message signs the same way and points to the authority's own site: no alert.
    const real = classify(
      '【国家税务总局】年度汇算已开始，请通过个人所得税App或 https://etax.chinatax.gov.cn 办理。',
    );
    expect(real.alert).toBe(false);
    // A bracketed headline that only contains the authority's word is not its signature.
    const headline = classify(
      '【税务局提醒】年度汇算请通过个人所得税App办理，谨防 tui-shui.vip 等仿冒网站。',
    );
    expect(headline.reasons.some((x) => x.rule === 'scam.quoted-authority')).toBe(false);
  });
});

describe('the authority called a swindler (scam.called.ts)', () => {
  const c = projectClassifier();
  const run = (text: string) => c.classify({ id: 'x', title: '', text });

  it.each([
    ['税务局就是骗子，罚了我们公司20万', '执法争议'],
    ['这税务局跟骗子有什么区别，乱罚款', '执法争议'],
  ])('%s: a complaint of its own category, not a scam', (text, category) => {
    expect(run(text)).toMatchObject({ alert: true, category });
  });

  it('税务局简直是骗子: an alert (the insult was read as a scam warning and silenced the complaint), not 涉税诈骗', () => {
    const r = run('税务局简直是骗子，说好的退税一直不给');
    expect(r.alert).toBe(true);
    expect(r.category).not.toBe('涉税诈骗');
  });

  it.each([
    '冒充税务局的骗子打电话让我转账，被骗了两万',
    '自称税务局的都是骗子，大家注意',
    '接到“税务局”电话，对方是骗子，让我往安全账户转钱',
  ])('%s: impersonation and warnings stay scams', (text) => {
    expect(run(text).category).toBe('涉税诈骗');
  });
});
