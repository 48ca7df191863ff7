import { CLASSIFY_OUTPUT_KEYS } from './classification.spec-support';
import { classifyLine, resultLine } from './classify-line';
import type { ClassificationResult } from './classification.types';

describe('classify input lines', () => {
  it('accepts the documented shape, with source as a name or an object', () => {
    expect(classifyLine('{"id":1,"title":"t","text":"x"}', 1)).toEqual({
      input: { id: '1', title: 't', text: 'x', url: null, source: null },
    });
    expect(
      classifyLine(
        '{"id":"a","text":"x","source":"某论坛","url":"https://e.x/1","publishedAt":"2026-11-02"}',
        1,
      ),
    ).toEqual({
      input: { id: 'a', title: '', text: 'x', url: 'https://e.x/1', source: { name: '某论坛' } },
    });
    expect(classifyLine('{"id":"a","text":"x","source":{"regionCode":"440300","tier":"local"}}', 1)).toEqual({
      input: {
        id: 'a',
        title: '',
        text: 'x',
        url: null,
        source: { regionCode: '440300', authorityTier: 'local' },
      },
    });
  });

  it('answers a bad line with an error for that line', () => {
    expect(classifyLine('{not json', 3)).toEqual({ line: 3, error: expect.stringMatching(/^invalid JSON/) });
    expect(classifyLine('[1]', 4)).toEqual({ line: 4, error: 'expected a JSON object' });
    expect(classifyLine('{"title":"x"}', 5)).toEqual({
      line: 5,
      error: '"id" (string or number) is required',
    });
    expect(classifyLine('{"id":7}', 6)).toEqual({ line: 6, id: '7', error: '"title" or "text" is required' });
    expect(classifyLine('{"id":7,"text":3}', 7)).toEqual({
      line: 7,
      id: '7',
      error: '"text" must be a string',
    });
    expect(classifyLine('{"id":7,"text":"x","source":{"tier":"tv"}}', 8)).toMatchObject({
      error: expect.stringMatching(/authorityTier/),
    });
  });

  it('writes the output keys in the documented order', () => {
    const r: ClassificationResult = {
      toneModel: 'tone-0000abcd',
      modelVersion: 'rules-1',
      reasons: [{ end: 3, start: 0, term: '税务局', rule: 'relevance.authority' }],
      gradeHint: null,
      secondaryCategories: [],
      category: '其他',
      region: null,
      bureau: null,
      alert: false,
      againstAuthority: false,
      toneScore: 0,
      negative: false,
      relevant: true,
      id: 'x',
    };
    expect(Object.keys(JSON.parse(resultLine(r)))).toEqual(CLASSIFY_OUTPUT_KEYS);
    expect(resultLine(r)).toContain(
      '"reasons":[{"rule":"relevance.authority","term":"税务局","start":0,"end":3}]',
    );
  });
});
