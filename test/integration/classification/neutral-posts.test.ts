import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectClassifier } from '../../../src/classification/classification.spec-support';
import {
  NEUTRAL_MEASURE_FILES,
  NEUTRAL_POST_FILES,
  teamCaseFiles,
} from '../../../src/classification/eval/team-sets.eval';
import { projectRoot } from '../../../src/classification/lexicon/lexicon.loader';

/**
 * Weibo-style posts with no emotion (test/fixtures/classification/README.md, "Neutral posts"): six helpers' files train
 * the tone model, two more helpers' files only measure it (one written from the same brief, one from a brief of its
 * own). The shared sentiment files are all two-sided, so without such posts the model called 213 and 170 of 300
 * negative (`tone-16afe722`); measured 39 and 34 of 300 (12.2 % of the 600) with them. The level is that, rounded
 * towards failing.
 */
const LEVEL = 0.13;

type Post = { id: string; title: string; text: string; expect: Record<string, unknown> };
const read = (file: string): Post[] =>
  readFileSync(join(projectRoot(), file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Post);

describe('neutral Weibo-style posts', () => {
  it('the files: 300 posts each in id order, labelled not negative, not relevant, no alert', () => {
    for (const file of [...NEUTRAL_POST_FILES, ...NEUTRAL_MEASURE_FILES]) {
      const posts = read(file);
      expect(posts).toHaveLength(300);
      const prefix = posts[0].id.replace(/\d+$/, '');
      expect(posts.map((p) => p.id)).toEqual(
        posts.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`),
      );
      for (const p of posts)
        expect(p.expect).toEqual({ relevant: false, alert: false, negative: false, category: null });
    }
  });

  it('the measuring files are never trained on', () => {
    const trained = teamCaseFiles().map((f) => f.replace(`${projectRoot()}/`, ''));
    expect(trained).toEqual(expect.arrayContaining(NEUTRAL_POST_FILES));
    for (const file of NEUTRAL_MEASURE_FILES) expect(trained).not.toContain(file);
  });

  it(`the shipped tone model calls at most ${Math.round(LEVEL * 100)} % of the measuring files' posts negative, and none an alert`, () => {
    const c = projectClassifier();
    const posts = NEUTRAL_MEASURE_FILES.flatMap(read);
    const results = posts.map((p) => c.classify({ id: p.id, title: p.title, text: p.text }));
    const negative = results.filter((r) => r.negative).length;
    process.stdout.write(`neutral posts (measuring files): ${negative} of ${posts.length} called negative\n`);
    expect(negative / posts.length).toBeLessThanOrEqual(LEVEL);
    expect(results.filter((r) => r.alert)).toEqual([]);
  });
});
