import { parseLexiconFile } from './lexicon.parser';
import { LexiconError } from './lexicon.types';

describe('parseLexiconFile', () => {
  it('reads term<TAB>weight opinion files with the sign from the file name, skipping comments and blanks', () => {
    const text = '\uFEFF# a comment\n\n态度恶劣\t2.5\n推诿扯皮\t2  # trailing comment\r\n';
    expect(parseLexiconFile('/x/negative.txt', text)).toEqual([
      { kind: 'sentiment', term: '态度恶劣', weight: -2.5 },
      { kind: 'sentiment', term: '推诿扯皮', weight: -2 },
    ]);
    expect(parseLexiconFile('positive.txt', '便民\t1.5\n')).toEqual([
      { kind: 'sentiment', term: '便民', weight: 1.5 },
    ]);
  });

  it('treats a bare word list (a converted licensed lexicon) as weight 1', () => {
    expect(parseLexiconFile('negative.txt', '糟糕\n')).toEqual([
      { kind: 'sentiment', term: '糟糕', weight: -1 },
    ]);
  });

  it('keeps # inside a term; # starts a comment only at the start of a line or after whitespace', () => {
    expect(parseLexiconFile('negative.txt', '话题#税务#\t1\n#税务局#\t1\n')).toEqual([
      { kind: 'sentiment', term: '话题#税务#', weight: -1 },
    ]);
  });

  it('parses every kind', () => {
    expect(parseLexiconFile('degree.txt', '很\t1.5')).toEqual([
      { kind: 'degree', term: '很', multiplier: 1.5 },
    ]);
    expect(parseLexiconFile('negation.txt', '并非')).toEqual([{ kind: 'negation', term: '并非' }]);
    expect(parseLexiconFile('contrast.txt', '但是\tafter')).toEqual([
      { kind: 'contrast', term: '但是', role: 'after' },
    ]);
    expect(parseLexiconFile('emoticons.txt', '[怒]\t-2')).toEqual([
      { kind: 'emoticon', term: '[怒]', weight: -2 },
    ]);
    expect(parseLexiconFile('irony.txt', '呵呵\t1.5\n效率真高\t2.5\tpraise')).toEqual([
      { kind: 'irony', term: '呵呵', weight: 1.5, praise: false },
      { kind: 'irony', term: '效率真高', weight: 2.5, praise: true },
    ]);
    expect(() => parseLexiconFile('irony.txt', '效率真高\t2.5\tsincere')).toThrow(
      /irony.txt:1: "sincere" is not one of praise/,
    );
    expect(parseLexiconFile('rhetorical.txt', '难道\t1.5')).toEqual([
      { kind: 'rhetorical', term: '难道', weight: 1.5 },
    ]);
    expect(parseLexiconFile('denial.txt', '谁说\t1')).toEqual([{ kind: 'denial', term: '谁说', weight: 1 }]);
    expect(parseLexiconFile('enforcement.txt', '查处\tverb')).toEqual([
      { kind: 'enforcement', term: '查处', role: 'verb' },
    ]);
    expect(parseLexiconFile('category.txt', '乱收费\t收费与负担\t2')).toEqual([
      { kind: 'category', term: '乱收费', category: '收费与负担', weight: 2 },
    ]);
    expect(parseLexiconFile('grade.txt', '身亡\tI\tdeath')).toEqual([
      { kind: 'grade', term: '身亡', grade: 'I', signal: 'death' },
    ]);
    expect(parseLexiconFile('authority.txt', '税务局\t3')).toEqual([
      { kind: 'domain', term: '税务局', group: 'authority', weight: 3 },
    ]);
  });

  it('returns null for files that are not lexicons (README, licences)', () => {
    expect(parseLexiconFile('LICENSE.txt', 'whatever')).toBeNull();
  });

  it('rejects bad lines with file and line number', () => {
    expect(() => parseLexiconFile('negative.txt', 'ok\t1\n坏\tabc\n')).toThrow(
      new LexiconError('negative.txt:2: "abc" is not a number in [0.1, 5] in "坏\tabc"'),
    );
    expect(() => parseLexiconFile('contrast.txt', '但是\tmiddle')).toThrow(
      /contrast.txt:1: "middle" is not one of before, after/,
    );
    expect(() => parseLexiconFile('category.txt', '乱收费\t乱七八糟\t1')).toThrow(/not one of 执法争议/);
    expect(() => parseLexiconFile('emoticons.txt', '[怒]\t0')).toThrow(/must not be 0/);
    expect(() => parseLexiconFile('grade.txt', '身亡\tV\tdeath')).toThrow(/"V" is not one of I, II, III, IV/);
  });
});
