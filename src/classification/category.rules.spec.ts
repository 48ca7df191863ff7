import { classify, docOf, fired, projectClassifier } from './classification.spec-support';
import type { Category } from './classification.types';
import { categorise } from './category.rules';
import { collectHits } from './domain.hits';

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

describe("models' votes", () => {
  const run = (text: string, votes: Partial<Record<Category, number>>, max = 1) => {
    const doc = docOf(c, text);
    let asked = 0;
    const r = categorise(doc, collectHits(doc), true, {
      max,
      get: () => {
        asked++;
        return votes;
      },
    });
    return { ...r, asked };
  };

  it('decide a tie between cue scores, and are not computed when the cues lead by more than any vote', () => {
    // 窗口 and 系统 … 卡: cue scores close enough for a vote of ½ to decide
    const tie = '窗口系统又卡了';
    expect(run(tie, {}, 0.5).category).toBe('系统故障');
    expect(run(tie, { 服务态度与效率: 0.5 }, 0.5)).toMatchObject({ category: '服务态度与效率', asked: 1 });
    const clear = '税务局稽查人员暴力执法，随意罚款，乱罚款，我们不服要申请行政复议';
    const r = run(clear, { 系统故障: 1 });
    expect(r).toMatchObject({ category: '执法争议', asked: 0 });
    // the same cues with a vote as large as the lead: asked, and still the cues' category
    expect(run(clear, { 系统故障: 1 }, 100)).toMatchObject({ asked: 1 });
  });

  it('leave the secondary categories to the cue words', () => {
    const text = '电子税务局崩溃了，一直报错，登录不了，打12366也打不通';
    const without = run(text, {});
    const withVote = run(text, { 系统故障: 1 }, 100);
    expect(withVote.asked).toBe(1);
    expect(without.secondaryCategories).toContain('服务态度与效率');
    expect(withVote.category).toBe(without.category);
    expect(withVote.secondaryCategories).toEqual(without.secondaryCategories);
  });
});
