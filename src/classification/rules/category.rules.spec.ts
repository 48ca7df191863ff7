import { classify, docOf, fired, projectClassifier } from '../classification.spec-support';
import type { Category } from '../classification.types';
import { categorise } from './category.rules';
import { collectHits } from '../text/domain.hits';
import { CATEGORY } from './rules.params';

const c = projectClassifier();
const category = (text: string) => classify(c, text).category;
/** The cue words alone: no category prior, no complaint model's heads. */
const cuesOnly = c.withCategoryModel(null).withComplaintModel(null);

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

  it('a demand to pay back tax disputes enforcement; naming the rule makes it a policy dispute (rules-6)', () => {
    expect(category('东城区税务局要求我们补缴五年的税款，还要交滞纳金，我们不服')).toBe('执法争议');
    expect(category('东城区税务局要求我们补缴五年的税款，说是新规定，这个政策太不合理')).toBe('政策争议');
  });

  it('every back-tax cue of the rule is a 执法争议 cue word in category.txt', () => {
    for (const term of CATEGORY.backTax.cues)
      expect(c.resources.index.lookup(term)?.categories.map((x) => x.category)).toContain('执法争议');
  });

  it('a refund left waiting is slow service; rules read differently between cities are policy (rules-6)', () => {
    expect(category('出口退税在市税务局审核了四个月还没到账，一直拖着，企业资金周转不过来')).toBe(
      '服务态度与效率',
    );
    expect(category('同样的业务，隔壁市税务局能办，我们市税务局不行，两套标准，各地口径能不能统一')).toBe(
      '政策争议',
    );
  });

  it('其他 wins on its own cue words (宣传片, 酒驾), never on a vote alone (rules-6)', () => {
    expect(category('税务局拍的宣传片花了几十万，纳税人的钱就这么花？')).toBe('其他');
    expect(category('县税务局一名干部酒驾撞人后逃逸，网友要求严肃处理')).toBe('其他');
    const doc = docOf(c, '县税务局的领导天天开会，不知道在忙什么，真让人看不懂');
    const r = categorise(doc, collectHits(doc), true, { max: 5, get: () => ({ 其他: 5 }) });
    expect(r.category).toBe('其他'); // no cue at all: 其他 as what is left, not as the vote's winner
    const withCue = categorise(doc, collectHits(doc), true, {
      max: 5,
      get: () => ({ 其他: 5, 服务态度与效率: 1.2 }),
    });
    expect(withCue.category).toBe('服务态度与效率');
  });

  it.each([
    ['区税务局每周下达短视频刷播放量的任务，完不成就在例会上通报', '刷播放量'],
    ['某县税务局拍宣传微电影请了网红，花费近四十万', '微电影'],
    ['税务所天天到村里搞政策宣讲，每户填表拍照留痕，讲的啥谁也没听清', '留痕'],
    ['两名税务干部工作日下午在茶馆打麻将，被网友拍了下来', '打麻将'],
  ])(
    "publicity chores and staff's misconduct are 其他 by their own cue words (rules-13): %s",
    (text, cue) => {
      const r = classify(cuesOnly, text);
      expect(r.category).toBe('其他');
      expect(fired(r, 'category.')).toContain(`category.其他:${cue}`);
    },
  );

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
