import { classify, fired, projectClassifier } from '../classification.spec-support';

const c = projectClassifier();
const bureau = (text: string, source?: Parameters<typeof classify>[2]) =>
  classify(c, text, source).bureau?.code ?? null;

describe('region and bureau attribution', () => {
  it('takes the most specific bureau named: county → city → province', () => {
    expect(bureau('广东省税务局回应：深圳市南山区税务局办税厅排队问题已整改')).toBe('440305');
    expect(bureau('杭州市税务局的电子税务局登不上')).toBe('3301');
    expect(bureau('浙江税务的个税APP又崩了')).toBe('33');
  });

  it('reads the region and bureau out of the catalogue', () => {
    const r = classify(c, '深圳市南山区税务局态度恶劣');
    expect(r.bureau).toEqual({ code: '440305', name: '国家税务总局深圳市南山区税务局' });
    expect(r.region).toEqual({ code: '440305', name: '南山区', level: 'county' });
  });

  it('reads an autonomous prefecture by its stem and 州 (rules-17), also where the name has no 族', () => {
    expect(bureau('延边州税务局近日组织青年干部走进社区')).toBe('2224');
    expect(bureau('恩施州税务局的窗口态度很差')).toBe('4228');
    expect(bureau('凉山州12345热线一季度涉税诉求办结率99%')).toBe('5134');
    expect(bureau('伊犁州税务局办事效率太低')).toBe('6540');
    expect(bureau('伊犁税务局办事效率太低')).toBe('6540');
  });

  it('resolves 朝阳区 by the other places named', () => {
    expect(bureau('北京朝阳区税务局排队三小时')).toBe('110105');
    expect(bureau('长春市朝阳区税务局排队三小时')).toBe('220104');
  });

  it('resolves an ambiguous district by the source region, else leaves it unassigned', () => {
    expect(bureau('鼓楼区税务局窗口态度差', { regionCode: '350100' })).toBe('350102');
    expect(bureau('鼓楼区税务局窗口态度差', { regionCode: '320100' })).toBe('320106');
    const r = classify(c, '鼓楼区税务局窗口态度差');
    expect(r.bureau).toBeNull();
    expect(fired(r, 'region.ambiguous')).toEqual(['region.ambiguous:鼓楼区税务局']);
  });

  it('maps the five 计划单列市 and their districts to their own codes, never to the province', () => {
    expect(bureau('广东深圳的税务局不作为')).toBe('4403');
    expect(bureau('浙江宁波北仑区税务局排长队')).toBe('330206');
    expect(bureau('大连税务局的专管员态度差')).toBe('2102');
    expect(bureau('厦门市思明区税务局')).toBe('350203');
    expect(bureau('青岛市黄岛区人民法院宣判一起虚开案，由青岛市税务局稽查局移送')).toBe('3702');
  });

  it('counts a county’s bare name right after the place containing it (福建晋江)', () => {
    expect(bureau('福建晋江警方会同税务部门破获一起虚开发票案')).toBe('350582');
  });

  it('reads a county-level city’s unique stem alone as the city, unless it is a word (rules-15)', () => {
    expect(bureau('义乌这边税务大厅叫到号了窗口还在聊天，晾了我五六分钟')).toBe('330782');
    expect(bureau('在江油开个完税证明，税务所和村委会来回踢皮球')).toBe('510781');
    expect(bureau('石河子的电子税务局验证码一直收不到')).toBe('659001');
    // words before they are places: 合作 (合作市), 同仁 (同仁市), 个旧 in 卖个旧婴儿车 (个旧市)
    expect(bureau('和税务局合作搞宣传，同仁们都很辛苦')).toBeNull();
    expect(bureau('卖个旧婴儿车也要申报纳税？税务部门这规定太离谱')).toBeNull();
    expect(bureau('甘肃合作市税务局窗口排队两小时')).toBe('623001');
  });

  it('reads a province’s bare name as the province when nothing else decides (河北税务, not Tianjin’s 河北区)', () => {
    expect(bureau('河北税务的缴费小程序又打不开了')).toBe('13');
  });

  it('reads a name shared by a city and a county inside it as the city (长沙税务局); the county has its 县', () => {
    expect(bureau('长沙税务局的窗口态度太差了')).toBe('4301');
    expect(bureau('承德税务局的窗口态度太差了')).toBe('1308');
    expect(bureau('长沙县税务局的窗口态度太差了')).toBe('430121');
    // 朝阳: a city, a county inside it, and districts of Beijing and Changchun: nothing contains them all
    expect(bureau('朝阳税务局的窗口态度太差了')).toBeNull();
  });

  it('does not take HQ’s name as the prefix of an unnamed lower bureau for HQ', () => {
    expect(bureau('国家税务总局某市税务局局长张某某涉嫌严重违纪违法')).toBeNull();
    expect(bureau('【国家税务总局】您的退税待领取，请点击链接')).toBe('00');
  });

  it('falls back to the source’s bureau, then to none (HQ triage)', () => {
    const r = classify(c, '窗口态度太差了', { bureauCode: '4403', name: '深圳税务留言板' });
    expect(r.bureau?.code).toBe('4403');
    expect(fired(r, 'region.source')).toEqual(['region.source:深圳税务留言板']);
    expect(bureau('窗口态度太差了', { regionCode: '110105' })).toBe('110105');
    expect(bureau('12366一直打不通')).toBeNull();
  });
});
