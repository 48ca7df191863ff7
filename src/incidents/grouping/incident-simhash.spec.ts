import { allowedDistance, fingerprint } from './incident-fingerprint';
import { bands, fromBigintString, hamming, simhash, toBigintString, wideBands } from './incident-simhash';
import { searchQuery, stripDecoration, tokens } from './incident-text';

const STORY =
  '深圳市南山区税务局办税服务厅今天上午出现长时间排队，多名纳税人反映等候超过三个小时仍未办理，工作人员态度冷漠，' +
  '有人当场与窗口人员发生争执。网友发布的视频显示大厅内人员拥挤，叫号系统多次故障。据现场一位姓李的企业会计介绍，' +
  '她早上八点就到了大厅，取号后前面还有一百多人，中午十二点窗口暂停服务一个半小时，下午才轮到她办理社保费缴纳业务。';
const OTHER =
  '深圳市南山区税务局一名工作人员被举报收受企业财物，帮助企业违规办理出口退税，举报人称已向纪检部门提交材料，' +
  '涉案金额高达数百万元，目前纪检监察部门已经介入调查，该工作人员已被停职。';

describe('SimHash fingerprints', () => {
  it('are deterministic and round-trip through a signed bigint', () => {
    const a = simhash(tokens(STORY));
    expect(simhash(tokens(STORY))).toEqual(a);
    expect(fromBigintString(toBigintString(a))).toEqual(a);
    expect(fromBigintString('-1')).toEqual({ hi: 0xffffffff, lo: 0xffffffff });
    expect(toBigintString({ hi: 0x80000000, lo: 0 })).toBe('-9223372036854775808');
  });

  it('cut 64 bits into 8 bands, so fingerprints within 7 bits share a band', () => {
    const a = { hi: 0x12345678, lo: 0x9abcdef0 };
    expect(bands(a)).toEqual([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]);
    const b = { hi: (a.hi ^ 0x01010101) >>> 0, lo: (a.lo ^ 0x01010100) >>> 0 }; // 7 bits, 7 bands touched
    expect(hamming(a, b)).toBe(7);
    expect(bands(a).filter((v, i) => v === bands(b)[i])).toHaveLength(1);
    expect(wideBands(a)).toEqual([
      { band: 8, value: 0x1234 },
      { band: 9, value: 0x5678 },
      { band: 10, value: 0x9abc },
      { band: 11, value: 0xdef0 },
    ]);
  });

  it('keep reposts with decoration and small edits close, and different stories about one bureau far apart', () => {
    const base = fingerprint('', STORY, null);
    const reposts = [
      `【转载】${STORY}（来源：南方都市报）`,
      `转发：${STORY}`,
      `#深圳税务# ${STORY.replace('今天上午', '今日上午')} https://weibo.com/123`,
      `${STORY.replace('态度冷漠', '态度很差')}//@深圳身边事: 求扩散`,
    ];
    for (const r of reposts)
      expect(hamming(base.simhash, fingerprint('', r, null).simhash)).toBeLessThanOrEqual(7);
    expect(hamming(base.simhash, fingerprint('', OTHER, null).simhash)).toBeGreaterThan(12);
  });

  it('trust short texts less', () => {
    expect(allowedDistance(5, 7, 12)).toBe(2);
    expect(allowedDistance(40, 7, 12)).toBe(7);
    expect(allowedDistance(40, 1, 12)).toBe(1);
  });
});

describe('text helpers', () => {
  it('drop punctuation and keep words', () => {
    expect(tokens('电子税务局崩了！！')).toEqual(['电子', '税务局', '崩', '了']);
  });

  it('strip repost decoration', () => {
    expect(
      stripDecoration('【转载】正文（来源：新华网）#话题# @某人 //@张三: 评论').replace(/\s+/g, ''),
    ).toBe('正文评论');
  });

  it('build an AND tsquery with quoting, or null for nothing searchable', () => {
    expect(searchQuery('电子税务局 崩溃')).toBe("'电子' & '税务局' & '崩溃'");
    expect(searchQuery("O'Neil")).toBe("'o' & 'neil'"); // quotes never reach the tsquery unescaped
    expect(searchQuery('！！ ，')).toBeNull();
  });
});
