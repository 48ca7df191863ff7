import { classify, fired, projectClassifier } from '../classification.spec-support';

const c = projectClassifier();
const grade = (text: string, tier?: 'central' | 'local') =>
  classify(c, text, tier ? { authorityTier: tier } : undefined).gradeHint;

describe('grade hint', () => {
  it('gives no grade to an item that is not an alert', () => {
    expect(grade('点赞税务局，十分钟就办完了')).toBeNull();
  });

  it('gives Ⅳ to an ordinary complaint', () => {
    expect(grade('税务局窗口的小姑娘翻了个白眼，态度不太好')).toBe('IV');
  });

  it.each([
    ['纳税人在税务局大厅跳楼身亡', 'I'],
    ['税务局门口发生冲突，有人被打伤送医', 'II'],
    ['数百名个体户聚集在市税务局门口抗议定额上调', 'II'],
    ['某市税务局局长王某某受贿被查，已被留置', 'II'],
    ['全国多地电子税务局瘫痪，企业无法申报', 'II'],
    ['某县税务局干部收受红包，群众举报', 'III'],
  ])('%s → %s', (text, expected) => expect(grade(text)).toBe(expected));

  it('does not count a negated signal (未造成人员伤亡, 没有人受伤)', () => {
    expect(grade('税务局门口有人吵架，未造成人员伤亡，态度太差了')).toBe('IV');
  });

  it('raises an alert from a central-media source', () => {
    expect(grade('税务局窗口态度恶劣，推诿扯皮', 'central')).toBe('III');
    expect(
      fired(classify(c, '税务局窗口态度恶劣', { authorityTier: 'central' }), 'grade.central-source'),
    ).toHaveLength(1);
  });
});
