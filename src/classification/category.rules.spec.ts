import { classify, fired, projectClassifier } from './classification.spec-support';

const c = projectClassifier();
const category = (text: string) => classify(c, text).category;

describe('category', () => {
  it.each([
    ['税务局稽查人员暴力执法，随意罚款，我们不服要申请行政复议', '执法争议'],
    ['办税服务厅工作人员态度恶劣，推诿扯皮，排队两小时', '服务态度与效率'],
    ['电子税务局又崩了，登录不了，一直报错', '系统故障'],
    ['倒查三十年补税，这种过头税政策太不合理', '政策争议'],
    ['社保费缴费基数又上调了，小企业负担太重交不起', '收费与负担'],
    ['某区税务局专管员吃拿卡要，收受企业红包', '廉政问题'],
    ['有人冒充税务局发短信，让点钓鱼链接领取个税补贴', '涉税诈骗'],
  ])('%s → %s', (text, expected) => expect(category(text)).toBe(expected));

  it('gives 其他 to a relevant item without a clear cue, and no category to an irrelevant one', () => {
    expect(category('某区税务局的宣传视频拍得真不错，就是太长了，看得人不耐烦')).not.toBeNull();
    expect(category('这个面膜纯属智商税')).toBeNull();
  });

  it('names secondary categories and the cue words of each', () => {
    const r = classify(c, '电子税务局崩溃了，一直报错，登录不了，打12366也打不通');
    expect(r.category).toBe('系统故障');
    expect(r.secondaryCategories).toContain('服务态度与效率');
    expect(fired(r, 'category.系统故障').length).toBeGreaterThan(0);
  });

  it('ignores a negated cue (没有乱收费)', () => {
    const r = classify(c, '税务局窗口态度很差，不过没有乱收费');
    expect(r.category).toBe('服务态度与效率');
    expect(r.secondaryCategories).not.toContain('收费与负担');
  });
});
