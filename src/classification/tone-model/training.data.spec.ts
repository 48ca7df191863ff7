import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkTrainable,
  readToneCases,
  readToneFile,
  splitOf,
  TEAM_CASES_SOURCE,
  ToneDataError,
  ToneRow,
} from './training.data';

const dir = mkdtempSync(join(tmpdir(), 'tone-data-'));
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

describe('readToneFile', () => {
  it('label,text with 1 positive / 0 negative; other labels are skipped', () => {
    const f = readToneFile(file('reviews.csv', 'label,text\n0,太差了\n1,很好\nx,坏行\n0,\n'));
    expect(f).toMatchObject({ source: 'reviews', scheme: 'binary', skipped: 2 });
    expect(f.rows.every((r) => !r.trainOnly)).toBe(true);
    expect(f.rows.map((r) => [r.text, r.negative])).toEqual([
      ['太差了', true],
      ['很好', false],
    ]);
  });

  it('NLPCC emotion codes: fear, disgust, sadness, anger negative; optimism, gratitude not; surprise skipped', () => {
    const f = readToneFile(file('emo.csv', 'label,text\n0,a\n1,b\n2,c\n3,d\n4,e\n5,f\n6,g\n'));
    expect(f.scheme).toBe('emotion');
    expect(f.skipped).toBe(1);
    expect(Object.fromEntries(f.rows.map((r) => [r.text, r.negative]))).toEqual({
      a: true,
      b: true,
      c: false,
      e: false,
      f: true,
      g: true,
    });
  });

  it('text,sentiment,…: negative against neutral and positive; mixed labels skipped; --every samples rows', () => {
    const path = file(
      'posts.csv',
      'text,sentiment,topic\n退税被拖了半年,negative,x\n请问怎么申报,neutral,x\n好用,positive,x\n又爱又恨,negative|positive,x\n',
    );
    const f = readToneFile(path);
    expect(f.scheme).toBe('sentiment');
    // The layout of the Xiaohongshu file's language-model labels: trained on, never used to choose the threshold.
    expect(f.rows.every((r) => r.trainOnly)).toBe(true);
    expect(f.rows.map((r) => r.negative)).toEqual([true, false, false]);
    expect(f.skipped).toBe(1);
    expect(readToneFile(path, 2).rows.map((r) => r.text)).toEqual(['退税被拖了半年', '好用']);
  });

  it('a stray 2 among 1 / 0 labels is skipped, not read as emotion codes that would make the 1 rows negative', () => {
    const body = Array.from({ length: 20 }, (_, i) => `${i % 2},text ${i}`).join('\n');
    const f = readToneFile(file('typo.csv', `label,text\n${body}\n2,stray\n`));
    expect(f.scheme).toBe('binary');
    expect(f.skipped).toBe(1);
    expect(f.rows.filter((r) => r.negative)).toHaveLength(10);
    expect(f.rows.find((r) => r.text === 'text 1')?.negative).toBe(false);
  });

  it('rejects an unknown header', () => {
    expect(() => readToneFile(file('bad.csv', 'a,b\n1,x\n'))).toThrow(ToneDataError);
  });
});

describe('splitOf', () => {
  it('is fixed by the text alone and holds about 20 % apart, 10 % for development', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `评论第${i}条`);
    const counts = { train: 0, dev: 0, 'held-apart': 0 };
    for (const t of texts) counts[splitOf(t)]++;
    expect(counts['held-apart'] / 5000).toBeGreaterThan(0.17);
    expect(counts['held-apart'] / 5000).toBeLessThan(0.23);
    expect(counts.dev / 5000).toBeGreaterThan(0.08);
    expect(counts.dev / 5000).toBeLessThan(0.12);
    expect(texts.map(splitOf)).toEqual(texts.map(splitOf));
    expect(splitOf(' 同一条 ')).toBe(splitOf('同一条'));
  });

  it("the team's case files: one train-only source, title and text joined, cases without a tone skipped", () => {
    const a = file(
      'a.jsonl',
      [
        { title: '读者来信', text: '退税审核了四个月', expect: { negative: true } },
        { title: '', text: '区税务局发布办税指南', expect: { negative: false } },
        { title: '', text: '某局查处虚开团伙', expect: { alert: false } },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n\n',
    );
    const b = file('b.jsonl', JSON.stringify({ text: '电子税务局又崩了', expect: { negative: true } }));
    const f = readToneCases([a, b]);
    expect(f).toMatchObject({ source: TEAM_CASES_SOURCE, scheme: 'cases', skipped: 1 });
    expect(f.rows.map((r) => [r.source, r.text, r.negative, r.trainOnly, r.split])).toEqual([
      ['team-cases', '读者来信\n退税审核了四个月', true, true, splitOf('读者来信\n退税审核了四个月')],
      ['team-cases', '区税务局发布办税指南', false, true, splitOf('区税务局发布办税指南')],
      ['team-cases', '电子税务局又崩了', true, true, splitOf('电子税务局又崩了')],
    ]);
  });

  it('a case file with a broken line fails with the file and line', () => {
    const bad = file('bad.jsonl', '{"text":"好","expect":{"negative":false}}\n{"text": "坏"\n');
    expect(() => readToneCases([bad])).toThrow(ToneDataError);
    expect(() => readToneCases([bad])).toThrow(/bad\.jsonl:2:/);
  });
});

describe('checkTrainable', () => {
  const row = (negative: boolean, split: ToneRow['split']): ToneRow => ({
    source: 's',
    text: 'x',
    negative,
    split,
    trainOnly: false,
  });

  it('passes rows with both kinds to train on and development rows', () => {
    expect(() => checkTrainable([row(true, 'train'), row(false, 'train'), row(false, 'dev')])).not.toThrow();
  });

  it.each([
    ['one kind only', [row(true, 'train'), row(true, 'train'), row(false, 'dev')], /0 other rows/],
    [
      'no development rows',
      [row(true, 'train'), row(false, 'train'), row(true, 'held-apart')],
      /0 development/,
    ],
    ['nothing at all', [], /0 negative and 0 other/],
  ])('refuses %s, saying what is missing', (_, rows, message) => {
    expect(() => checkTrainable(rows)).toThrow(ToneDataError);
    expect(() => checkTrainable(rows)).toThrow(message);
  });
});
