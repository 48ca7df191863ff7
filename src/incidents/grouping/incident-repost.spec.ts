import { fingerprint } from './incident-fingerprint';
import { collapseMarks, stripRepostMarkers } from './incident-repost';
import { hamming } from './incident-simhash';
import { stripDecoration, tokens } from './incident-text';

const POST = '深圳市南山区税务局办税服务厅工作人员态度恶劣，推诿扯皮，跑了三趟还没办成';

describe('repost normalisation before fingerprinting (newcomer trial, finding 2)', () => {
  it('groups the trial pair: 转发： prefix and ！！ suffix, in the title as well as the text', () => {
    const repost = `转发：${POST}！！`;
    for (const [t1, t2] of [
      ['', ''],
      [POST, repost],
      [POST.slice(0, 20), repost.slice(0, 20)],
    ]) {
      const d = hamming(fingerprint(t1, POST, null).simhash, fingerprint(t2, repost, null).simhash);
      expect(d).toBeLessThanOrEqual(7); // the configured limit, not loosened
    }
    expect(hamming(fingerprint(POST, POST, null).simhash, fingerprint(repost, repost, null).simhash)).toBe(0);
  });

  it('strips every kind of repost marker, wherever a sentence starts', () => {
    for (const marked of [
      `转发：${POST}`,
      `转发微博 ${POST}`,
      `转发微博：${POST}`,
      `【转】${POST}`,
      `【转载】转:${POST}`,
      `转载：${POST}`,
      `转自新浪微博：${POST}`,
      `说得好//@张三:转发：${POST}`,
      `//@张三: //@李四：${POST}`,
      `RT @someone: ${POST}`,
      `rt@someone：${POST}`,
      `${POST}（分享自 @微博客户端）`,
      `${POST} 分享自腾讯新闻`,
      `网友爆料：${POST}`,
    ]) {
      // The same words as the original (a reposter's own comment, 说得好, stays: it is text, not a marker).
      expect(tokens(stripDecoration(marked)).filter((w) => w !== '说得好')).toEqual(tokens(POST));
    }
  });

  it('leaves ordinary words alone: 运转：, 分享自己, 转让', () => {
    expect(stripRepostMarkers('系统运转：正常')).toBe('系统运转：正常');
    expect(stripRepostMarkers('我想分享自己的经历')).toBe('我想分享自己的经历');
    expect(stripRepostMarkers('转让房产要缴税')).toBe('转让房产要缴税');
    expect(stripRepostMarkers('邮箱 a@b.cn：收到')).toBe('邮箱 a@b.cn：收到');
  });

  it('collapses runs of punctuation and emoji to one mark', () => {
    expect(collapseMarks('太慢了！！！😡😡😡 还要排队？？')).toBe('太慢了！ 还要排队？');
    expect(collapseMarks('a…………b')).toBe('a…b');
  });

  // The scan is one pass with at most 30 characters of look-ahead; how long 200,000 characters take is for a benchmark,
  // not a timed assertion (jest's timeout would catch a quadratic scan, which takes minutes).
  it('reads 200,000 characters of repeated markers: markers go, marks collapse, nothing grows', () => {
    const markers = [
      '转发：',
      '转发微博',
      '//@张三:',
      'RT @a: ',
      '【转】',
      '分享自',
      '转自',
      '！',
      '😡',
      '//',
      '@',
    ];
    const longOnes = [
      '转自' + '某'.repeat(29),
      '//@' + '名'.repeat(40),
      '（来源' + '字'.repeat(59),
      'http://',
    ];
    for (const m of [...markers, ...longOnes]) {
      const hostile = m.repeat(Math.ceil(200_000 / m.length));
      const out = stripDecoration(hostile);
      expect(out.length).toBeLessThanOrEqual(hostile.length);
      if (['转发：', '【转】', '分享自'].includes(m)) expect(out.trim()).toBe('');
      if (['！', '😡', '//', '@'].includes(m)) expect(out.length).toBeLessThanOrEqual(2);
    }
  });
});
