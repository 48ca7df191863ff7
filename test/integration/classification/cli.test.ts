import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../support/cli';
import {
  CLASSIFY_OUTPUT_KEYS,
  shippedModelVersion,
} from '../../../src/classification/classification.spec-support';
import { splitOf } from '../../../src/classification/tone-model/training.data';

/** `classify` and `classifier:eval` need no database: run them without DATABASE_URL pointing anywhere. */
describe('classify and classifier:eval (CLI, no database)', () => {
  it('classify: one JSON line out per item, in the documented format; a bad line gets an error line and the rest go on', async () => {
    const input = [
      JSON.stringify({
        id: 'a1',
        title: '电子税务局又崩了',
        text: '深圳市南山区税务局的系统登不上，打12366也打不通[怒]',
      }),
      '{not json',
      '',
      JSON.stringify({
        id: 2,
        text: '某市税务局查处虚开发票团伙，涉案金额5亿元',
        source: { regionCode: '370200', tier: 'local' },
      }),
      JSON.stringify({ id: 'x' }),
    ].join('\n');
    const { code, out, err } = await cli(['classify'], `${input}\n`);
    // every good line classified; the status and stderr tell a script that two were not
    expect(code).toBe(1);
    expect(err).toContain('classify: 2 行输入有误');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(Object.keys(lines[0])).toEqual(CLASSIFY_OUTPUT_KEYS);
    expect(lines[0]).toMatchObject({
      id: 'a1',
      relevant: true,
      negative: true,
      againstAuthority: true,
      alert: true,
      bureau: { code: '440305', name: '国家税务总局深圳市南山区税务局' },
      region: { code: '440305', name: '南山区', level: 'county' },
      category: '系统故障',
      gradeHint: 'IV',
      modelVersion: shippedModelVersion(),
      toneModel: expect.stringMatching(/^tone-[0-9a-f]{8}$/),
    });
    const full = '电子税务局又崩了\n深圳市南山区税务局的系统登不上，打12366也打不通[怒]';
    for (const r of lines[0].reasons) if (r.end > 0) expect(full.slice(r.start, r.end)).toBe(r.term);
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/^invalid JSON/) });
    expect(lines[2]).toMatchObject({ id: '2', relevant: true, alert: false, bureau: { code: '3702' } });
    expect(lines[3]).toEqual({ line: 5, id: 'x', error: '"title" or "text" is required' });
  });

  it('classifier:eval prints negative-class precision, recall, F1 and accuracy (--all: every row)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const csv = join(dir, 'tiny.csv');
    writeFileSync(
      csv,
      'label,text\n0,服务态度太差了，再也不来了\n0,"难吃,送得还慢"\n1,非常好吃，送得很快\n1,很满意\nx,坏行\n',
    );
    const { code, out } = await cli(['classifier:eval', csv, '--all']);
    expect(code).toBe(0);
    expect(out).toBe(
      `file: ${csv}\nrows: all\nitems: 4 (negative 2, skipped 1)\nnegative precision: 1.0000\n` +
        'negative recall: 1.0000\nnegative F1: 1.0000\naccuracy: 1.0000\n',
    );
    const json = await cli(['classifier:eval', csv, '--all', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ file: csv, rows: 'all', items: 4, f1: 1, accuracy: 1 });
    // Its switches take no value: a file after them stays a file.
    const before = await cli(['classifier:eval', '--all', '--json', csv]);
    expect(JSON.parse(before.out)).toMatchObject({ file: csv, rows: 'all', items: 4 });
  });

  it('classifier:eval without --all measures only the held-apart rows (the split training never sees)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const csv = join(dir, 'many.csv');
    const texts = Array.from(
      { length: 200 },
      (_, i) => `第${i}条：${i % 2 ? '非常满意，下次还来' : '太差了，再也不来了'}`,
    );
    writeFileSync(csv, `label,text\n${texts.map((t, i) => `${i % 2},${t}`).join('\n')}\n`);
    const heldApart = texts.filter((t) => splitOf(t) === 'held-apart').length;
    const { code, out } = await cli(['classifier:eval', csv, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ rows: 'held-apart', items: heldApart });
    expect(heldApart).toBeGreaterThan(20);
    expect(heldApart).toBeLessThan(70);
  });

  it('classifier:eval rejects a missing file or a wrong header with a usage error (exit 2)', async () => {
    expect((await cli(['classifier:eval'])).code).toBe(2);
    const missing = await cli(['classifier:eval', '/nonexistent.csv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/nonexistent.csv/);
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,x\n');
    expect((await cli(['classifier:eval', join(dir, 'bad.csv')])).err).toMatch(
      /expected a "label,text" or "text,sentiment" header/,
    );
  });
});
