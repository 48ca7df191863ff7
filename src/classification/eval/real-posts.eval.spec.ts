import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoryConfusion, formatConfusion } from './category-confusion';
import {
  alertsOnUnlabelled,
  formatUnlabelled,
  loadRealPosts,
  loadUnlabelledPosts,
  partOf,
  shortHash,
  XHS_POSTS_FILE,
} from './real-posts.eval';

/** A shared directory with a two-post file, and a labels file for it. */
function fixture(labelRows: string[]): { shared: string; labels: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-real-posts-'));
  const shared = join(dir, 'shared');
  mkdirSync(join(shared, 'fixtures/training'), { recursive: true });
  writeFileSync(
    join(shared, XHS_POSTS_FILE),
    'text,sentiment\n第一条,neutral\n"第二条，有逗号",negative\n第三条,neutral\n',
  );
  const labels = join(dir, 'labels.csv');
  writeFileSync(
    labels,
    ['row,sha1_8,drawn,relevant,negative,against_authority,bureau,category,note', ...labelRows].join('\n'),
  );
  return { shared, labels };
}

describe('real-post set loading', () => {
  it('joins labels to the shared rows by row number and checks the text hash', () => {
    const { shared, labels } = fixture([
      `2,${shortHash('第二条，有逗号')},candidate,1,1,1,,服务态度与效率,x`,
      `1,${shortHash('第一条')},every-5th,0,0,0,,,y`,
    ]);
    const posts = loadRealPosts(shared, labels);
    expect(posts.map((p) => [p.row, p.text, p.againstAuthority, p.category])).toEqual([
      [2, '第二条，有逗号', true, '服务态度与效率'],
      [1, '第一条', false, null],
    ]);
    expect(posts[0].part).toBe(partOf(posts[0].sha1_8));
  });

  it('fails loudly when the text of a row changed, or the shared file is missing', () => {
    const { shared, labels } = fixture(['1,deadbeef,candidate,0,0,0,,,y']);
    expect(() => loadRealPosts(shared, labels)).toThrow(/row 1 has text hash .* labelled deadbeef/);
    expect(() => loadRealPosts(join(shared, 'nowhere'), labels)).toThrow(/is missing/);
  });

  it('lists the rows nobody labelled, and counts the alerts among them', () => {
    const { shared, labels } = fixture([
      `2,${shortHash('第二条，有逗号')},candidate,1,1,1,,服务态度与效率,x`,
    ]);
    const rest = loadUnlabelledPosts(shared, labels);
    expect(rest).toEqual([
      { row: 1, text: '第一条' },
      { row: 3, text: '第三条' },
    ]);
    const f = alertsOnUnlabelled(rest, (i) => ({ alert: i.text === '第三条' }) as never);
    expect(f).toEqual({ posts: 2, alerts: 1, alertRate: 0.5, alertRows: [3] });
    expect(formatUnlabelled('not labelled', f)).toBe('not labelled: 2 posts, alerts 1 (50.0 %) rows 3');
  });

  it('splits by hash about 60/40, the same way every time', () => {
    const parts = Array.from({ length: 1000 }, (_, i) => partOf(shortHash(String(i))));
    const dev = parts.filter((p) => p === 'dev').length;
    expect(dev).toBeGreaterThan(550);
    expect(dev).toBeLessThan(650);
    expect(partOf('00000003')).toBe('held-out');
    expect(partOf('00000002')).toBe('dev');
  });
});

describe('category confusion', () => {
  it('counts gold rows against predicted columns, in contract order, and prints them', () => {
    const m = categoryConfusion([
      ['系统故障', '系统故障'],
      ['系统故障', '其他'],
      [null, null],
      ['执法争议', null],
    ]);
    expect(m.labels).toEqual(['执法争议', '系统故障', '其他', 'null']);
    expect(m.counts).toEqual([
      [0, 0, 0, 1],
      [0, 1, 1, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(m.accuracy).toBe(0.5);
    const text = formatConfusion(m);
    expect(text.split('\n')[0]).toBe('category 2/4 = 0.500 (rows: labelled, columns: predicted)');
    // the gold 其他 row is empty and left out
    expect(text.split('\n')).toHaveLength(5);
  });
});
