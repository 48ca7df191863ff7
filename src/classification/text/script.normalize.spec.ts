import { classify, projectClassifier } from '../classification.spec-support';
import { toSimplified } from './script.normalize';

describe('toSimplified (traditional script read as simplified)', () => {
  it('converts traditional characters and keeps the length, so every offset stays the original text’s', () => {
    const text = '國家稅務總局深圳市稅務局的電子稅務局又崩了，覺得很失望';
    const out = toSimplified(text);
    expect(out).toBe('国家税务总局深圳市税务局的电子税务局又崩了，觉得很失望');
    expect(out).toHaveLength(text.length);
  });

  it('returns simplified text as it is (the same string: no copy) and keeps what OpenCC’s phrases keep', () => {
    const text = '电子税务局又崩了，著名的办税服务厅排队两小时';
    expect(toSimplified(text)).toBe(text);
    expect(toSimplified('這位著名的稅務專家')).toBe('这位著名的税务专家');
  });

  it('is linear on a hostile size: 200,000 characters of mixed script convert with their length', () => {
    const text = '稅務局a著名😀'.repeat(25_000);
    const out = toSimplified(text);
    expect(out).toHaveLength(text.length);
    expect(out.startsWith('税务局a著名😀')).toBe(true);
  });

  it('lets a complaint in traditional script reach the authority, with offsets into the original text', () => {
    const c = projectClassifier();
    const text = '深圳市南山區稅務局辦稅服務廳的工作人員態度惡劣，推諉扯皮，跑了三趟還沒辦成。';
    const r = classify(c, text);
    expect(r).toMatchObject({ relevant: true, alert: true, category: '服务态度与效率' });
    expect(r.bureau?.name).toContain('南山区税务局');
    const authority = r.reasons.find((x) => x.rule === 'relevance.authority')!;
    // offsets index title + '\n' + text; the original characters are there
    expect(`\n${text}`.slice(authority.start, authority.end)).toMatch(/稅務局/);
  });
});
