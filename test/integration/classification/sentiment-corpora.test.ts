import { join } from 'node:path';
import { cli } from '../../support/cli';
import { SHARED_DIR } from '../../support/shared';

/**
 * Negative-class F1 of the shipped tone model on the held-apart rows of every file it was trained from (a hash of the
 * text puts 20 % of each file apart: never trained on, never used to pick the threshold), read in place (../shared is
 * never copied). Large files are sampled (every Nth row) to keep the suite fast; the full figures and the
 * cross-source table are in src/classification/README.md (`npm run cli -- classifier:eval <files…> --cross`).
 */
const FIXTURES = join(SHARED_DIR, 'fixtures');
const FILES: [string, number, number][] = [
  // file, sample every N rows, F1 its held-apart rows must reach (measured on the full split, minus a margin)
  ['training/chnsenticorp_train.csv', 1, 0.85],
  ['training/weibo_covid_nlpcc2020_7emo.csv', 2, 0.88],
  ['training/xiaohongshu_tax_posts_glm_labels.csv', 1, 0.54],
  ['sentiment/weibo_senti_100k_subset2400.csv', 1, 0.91],
  ['sentiment/waimai_10k.csv', 2, 0.9],
  ['sentiment/online_shopping_10_cats.csv', 5, 0.9],
];

describe('classifier:eval on the held-apart rows of the shared training and sentiment files', () => {
  it.each(FILES)('%s (every %i row) reaches negative-class F1 ≥ %f', async (file, every, level) => {
    const { code, out } = await cli([
      'classifier:eval',
      join(FIXTURES, file),
      '--every',
      String(every),
      '--json',
    ]);
    expect(code).toBe(0);
    const m = JSON.parse(out);
    process.stdout.write(
      `${file} (held apart, 1 in ${every}, ${m.items} items): negative P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)} · accuracy ${m.accuracy.toFixed(3)}\n`,
    );
    expect(m.rows).toBe('held-apart');
    expect(m.items).toBeGreaterThan(300);
    expect(m.f1).toBeGreaterThanOrEqual(level);
  });
});
