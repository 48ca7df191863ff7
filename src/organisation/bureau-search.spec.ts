import { normaliseQuery, placeCore, queryBigrams } from './bureau-search';

describe('bureau search query helpers', () => {
  it('normalises full-width characters and whitespace', () => {
    expect(normaliseQuery(' ４４０３ ')).toBe('4403');
    expect(normaliseQuery('深圳 南山')).toBe('深圳南山');
  });

  it('strips the words every bureau name shares', () => {
    expect(placeCore('国家税务总局深圳罗湖税务局')).toBe('深圳罗湖');
    expect(placeCore('南山税务')).toBe('南山');
    expect(placeCore('税务局')).toBe('');
  });

  it('makes distinct character bigrams of the place part', () => {
    expect(queryBigrams('深圳罗湖税务局')).toEqual(['深圳', '圳罗', '罗湖']);
    expect(queryBigrams('南南南')).toEqual(['南南']);
    expect(queryBigrams('深')).toEqual(['深']);
    expect(queryBigrams('')).toEqual([]);
    // nothing but generic words left: fall back to the whole query rather than matching everything
    expect(queryBigrams('税务局')).toEqual(['税务', '务局']);
  });
});
