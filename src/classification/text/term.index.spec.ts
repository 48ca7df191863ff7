import { classifierFor, docOf, lexiconDir } from '../classification.spec-support';
import { foldText, MATCH_PREFIX_NEGATED } from './term.index';

const dir = lexiconDir({
  'positive.txt': '好\t1\n好吃\t2\n满意\t1.5\n',
  'negative.txt': '差\t1\n慢\t1\n腐败\t2\n',
  'degree.txt': '真\t1.4\n',
  'negation.txt': '不\n',
  'emoticons.txt': '哈哈\t1\n[怒]\t-2\n',
  'authority.txt': '税务局\t3\n个税app\t3\n',
  'foreign.txt': '美国\t1\n',
  'official.txt': '反腐败\t1\n',
});
const c = classifierFor([dir]);
const terms = (text: string) =>
  docOf(c, text).matches.map((m) => `${m.info.term}@${m.start}${m.flags & MATCH_PREFIX_NEGATED ? '!' : ''}`);

describe('TermIndex.match', () => {
  it('finds short terms only on token boundaries: 好 not inside 好像, 差 not inside 差不多', () => {
    expect(terms('好像差不多')).toEqual([]);
    expect(terms('很好')).toContain('好@2');
  });

  it('finds a longer term inside a token (税务局 inside a merged bureau name)', () => {
    const doc = docOf(c, '深圳市南山区税务局');
    expect(doc.matches.some((m) => m.info.term === '税务局')).toBe(true);
  });

  it('finds emoticons anywhere, whatever jieba made of them', () => {
    expect(terms('哈哈哈哈[怒]').filter((t) => t.startsWith('哈哈'))).not.toHaveLength(0);
    expect(terms('哈哈哈哈[怒]')).toContain('[怒]@5');
  });

  it('reads a token that starts with a negation as negated opinion (不好 → 不 + 好)', () => {
    expect(terms('不好')).toEqual(['好@1!']);
  });

  it('finds an opinion ending a dictionary compound (真慢, 速度慢) but never a prefix', () => {
    expect(terms('送得真慢')).toContain('慢@4');
  });

  it('reads a token the lexicons hold whole without tone as that whole (腐败 is no accusation in 反腐败)', () => {
    expect(terms('召开反腐败会议')).toEqual(['反腐败@3']);
    // the same opinion ending a compound no lexicon holds is still found
    expect(terms('贪污腐败')).toContain('腐败@3');
  });

  it('keeps only the best opinion-only term per position (好吃 rather than 好)', () => {
    expect(terms('好吃')).toEqual(['好吃@1']);
  });

  it('folds case and full width, keeping offsets', () => {
    expect(foldText('ＡＰＰ个税APP')).toBe('app个税app');
    expect(terms('个税ＡＰＰ')).toContain('个税app@1');
    expect(c.resources.index.lookup('个税APP')?.term).toBe('个税app');
  });
});
