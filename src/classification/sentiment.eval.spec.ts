import { evaluateNegative } from './sentiment.eval';

describe('evaluateNegative', () => {
  it('scores the negative class (label 0) and skips bad labels', () => {
    const rows = [
      { label: '0', text: 'bad' }, // tp
      { label: '0', text: 'bad too' }, // tp
      { label: '0', text: 'looks fine' }, // fn
      { label: '1', text: 'bad but positive' }, // fp
      { label: '1', text: 'fine' }, // tn
      { label: 'x', text: 'skipped' },
    ];
    const m = evaluateNegative(rows, (t) => t.includes('bad'));
    expect(m).toMatchObject({
      items: 5,
      negatives: 3,
      skipped: 1,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.accuracy).toBeCloseTo(3 / 5);
  });
});
