import { averageModels, fitLogistic, logitOf, seededRandom, SparseExample } from './logistic';

/** A toy set: feature 1 or 2 marks the negative class, 3 or 4 the other; 0 is noise present in both. */
function toy(n: number): SparseExample[] {
  const random = seededRandom(7);
  return Array.from({ length: n }, (_, i) => {
    const y = (i % 2) as 0 | 1;
    const cue = y ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 2);
    return { idx: Int32Array.of(0, cue), val: Float32Array.of(1, 1), y, weight: 1 };
  });
}

const options = { dim: 5, epochs: 5, rate: 0.3, l2: 1e-6, seed: 3 };

describe('fitLogistic (AdaGrad logistic regression)', () => {
  it('separates a separable set: every example on its side of 0', () => {
    const data = toy(200);
    const m = fitLogistic(data, options);
    for (const ex of data) expect(logitOf(m, ex.idx, ex.val) > 0).toBe(ex.y === 1);
    expect(m.weights[1]).toBeGreaterThan(1);
    expect(m.weights[3]).toBeLessThan(-1);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const data = toy(100);
    const a = fitLogistic(data, options);
    const b = fitLogistic(data, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
    const c = fitLogistic(data, { ...options, seed: 4 });
    expect(Array.from(c.weights)).not.toEqual(Array.from(a.weights));
  });

  it('weights examples: a heavier class pulls the bias its way', () => {
    const data = toy(100).map((ex) => ({ ...ex, idx: Int32Array.of(0), val: Float32Array.of(1) }));
    const even = fitLogistic(data, options);
    const heavy = fitLogistic(
      data.map((ex) => ({ ...ex, weight: ex.y ? 3 : 1 })),
      options,
    );
    expect(logitOf(heavy, Int32Array.of(0), Float32Array.of(1))).toBeGreaterThan(
      logitOf(even, Int32Array.of(0), Float32Array.of(1)) + 0.5,
    );
  });
});

describe('averageModels (bagging over shuffle seeds)', () => {
  it('is one weight vector whose logit is the mean of the fits’ logits (a linear model: the same dot product)', () => {
    const data = toy(100);
    const fits = [3, 4, 5].map((seed) => fitLogistic(data, { ...options, seed }));
    const bag = averageModels(fits);
    expect(bag.weights).toHaveLength(options.dim);
    for (const ex of data.slice(0, 10)) {
      const mean = fits.reduce((s, m) => s + logitOf(m, ex.idx, ex.val), 0) / fits.length;
      expect(logitOf(bag, ex.idx, ex.val)).toBeCloseTo(mean, 5);
    }
    expect(Array.from(bag.weights)).not.toEqual(Array.from(fits[0].weights));
    expect(averageModels([fits[0]])).toBe(fits[0]);
  });
});
