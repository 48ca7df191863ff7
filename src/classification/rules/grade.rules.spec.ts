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

  it('raises an alert from a central-media source (to Ⅲ: its incident is Ⅱ by the spread grade)', () => {
    expect(grade('税务局窗口态度恶劣，推诿扯皮', 'central')).toBe('III');
    expect(
      fired(classify(c, '税务局窗口态度恶劣', { authorityTier: 'central' }), 'grade.central-source'),
    ).toHaveLength(1);
  });

  it.each([
    ['约四十名灵活就业人员聚集在区税务局办税服务厅，对社保费补缴方式不满', 'II'], // a crowd of dozens gathered
    ['数十名司机停运，聚集在市政府门口，抗议税务局的定额调整', 'II'],
    ['税务局大厅排了几十人，等了三个小时，效率太低', 'IV'], // a queue is no gathering
    ['会计被冒充税务稽查的骗子骗转账186万元，警方已立案', 'III'], // a scam's loss of 10万 or more
    ['退休老人接到冒充税务局的电话，被骗了18万', 'III'],
    ['冒充税务局的骗子骗走了我三千元，大家小心', 'III'], // 骗走 is a loss cue whatever the amount
    ['我们公司被税务局要求补税180万元，简直是骗人', 'IV'], // a demand called a swindle took nothing
    ['网友吐槽税务局个税新规不合理，话题阅读量超5亿', 'II'], // national reach
    ['吐槽税务局窗口推诿的帖子转发量已超过3万次', 'III'],
    ['这条吐槽税务局的微博阅读量超过2万', 'IV'],
    ['据人民日报报道，某区税务局窗口推诿扯皮', 'II'], // central media picked it up
    ['区税务局窗口推诿扯皮，我已经向人民日报投诉了', 'III'], // an appeal to it is not its coverage
    ['网友实名举报区税务局副局长李某某收受礼金', 'II'], // a named official's bribe
    ['税务干部酒后驾车撞伤两名行人', 'II'],
    // what a review found over-read or missed
    ['税务局大厅排了三十多人，等了两个小时，有人情绪激动，态度太差了', 'III'], // a queue, however upset, is no crowd
    ['打12366人工一直占线，税务局门口聚集了很多人', 'III'], // a hotline is no headcount
    ['孩子考了全年级第四十名，税务局的人却在门口聚集闹事', 'III'], // nor is a rank
    ['数十名员工聚集在区税务局门口抗议', 'II'],
    ['上万人聚集在税务局门口', 'II'],
    ['税务局就是骗子，罚了我们公司20万', 'IV'], // an insult beside a fine: nothing was swindled
    ['幸好没被骗，差点给冒充税务局的转了20万', 'IV'],
    ['冒充税务局的骗子让我转账，被骗十余万元', 'III'],
    ['企业会计遭遇假“稽查局” 186万元被骗', 'III'], // the loss after the amount
    ['我已在人民网留言板反映税务局推诿的问题', 'III'], // the petition board, not the paper's coverage
    ['税务局大厅的CCTV监控拍到工作人员推诿', 'IV'], // a camera
    ['有人在税务局门口拉横幅，视频上了热搜，人民日报也转发了', 'II'], // Ⅰ needs two signals at Ⅱ
  ])('%s → %s', (text, expected) => expect(grade(text)).toBe(expected));
});
