import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionsMarkdown, FIGURES } from './figure-definitions';

describe('figure definitions', () => {
  it('are copied verbatim into README.md (edit figure-definitions.ts, then paste)', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(definitionsMarkdown());
  });

  it('define every figure once', () => {
    const keys = FIGURES.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(FIGURES.every((f) => f.label && f.definition.length > 10)).toBe(true);
  });
});
