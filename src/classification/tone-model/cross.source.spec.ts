import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectClassifier } from '../classification.spec-support';
import { crossSourceTable, kindOf } from './cross.source';

const dir = mkdtempSync(join(tmpdir(), 'cross-source-'));

/**
 * 240 rows whose tone is told only by a made-up marker (no lexicon word, so the rule features carry nothing; each
 * number appears once with each label): what a model knows of the marker it learnt from the rows it was trained on.
 */
function csv(name: string, negativeMarker: string, positiveMarker: string): string {
  const lines = ['label,text'];
  for (let i = 0; i < 240; i++)
    lines.push(i % 2 ? `1,第${i >> 1}号${positiveMarker}记录` : `0,第${i >> 1}号${negativeMarker}记录`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('cross-source table', () => {
  const resources = projectClassifier().resources;
  // waimai_10k is a review corpus by name; the other file is social text.
  const reviews = csv('waimai_10k.csv', '咕噜咕噜', '叮咚叮咚');
  const social = csv('social_posts.csv', '嘀嗒嘀嗒', '哗啦哗啦');
  const cases = join(dir, 'cases.jsonl');
  writeFileSync(
    cases,
    Array.from({ length: 240 }, (_, i) =>
      JSON.stringify({
        text: `案例${i >> 1}${i % 2 ? '叮咚叮咚' : '咕噜咕噜'}`,
        expect: { negative: i % 2 === 0 },
      }),
    ).join('\n'),
  );

  it('one row per file, by kind: in-source the marker is learnt, from the other kind only it is not', () => {
    const table = crossSourceTable([reviews, social], resources);
    expect(table.map((r) => [r.source, r.kind])).toEqual([
      ['waimai_10k', 'reviews'],
      ['social_posts', 'social'],
    ]);
    for (const r of table) {
      expect(r.heldApart).toBeGreaterThan(20);
      expect(r.model.inSource).toBeGreaterThan(0.9);
      expect(r.baseline.inSource).toBeGreaterThan(0.9);
      // Trained without it, nothing has seen its markers: no better than guessing.
      expect(r.model.withoutSource).toBeLessThan(0.75);
      expect(r.model.otherKindOnly).toBeLessThan(0.75);
    }
  });

  it("the team's cases (as --team-cases): trained on as social text, given no row", () => {
    const table = crossSourceTable([reviews, social], resources, { caseFiles: [cases] });
    expect(kindOf('team-cases')).toBe('social');
    expect(table.map((r) => r.source)).toEqual(['waimai_10k', 'social_posts']);
    // The cases carry the review file's markers: trained on social text only, the review rows are now told apart.
    const review = table[0];
    expect(review.model.withoutSource).toBeGreaterThan(0.9);
    expect(review.model.otherKindOnly).toBeGreaterThan(0.9);
    expect(review.baseline.otherKindOnly).toBeGreaterThan(0.9);
    // The social file's other kind is reviews alone: the cases stay out of it.
    expect(table[1].model.otherKindOnly).toBeLessThan(0.75);
  });
});
