/**
 * Binary logistic regression over sparse features, trained with AdaGrad and L2: pure, deterministic (a seeded
 * shuffle), no dependencies. Small enough to read; fast enough to fit 100,000 short texts in seconds.
 */

/** One training example: feature indexes with their values, label 1 = negative, and a weight. */
export interface SparseExample {
  idx: Int32Array;
  val: Float32Array;
  y: 0 | 1;
  weight: number;
}

export interface LogisticOptions {
  dim: number;
  epochs: number;
  /** AdaGrad base step. */
  rate: number;
  /** L2 strength per example seen (applied lazily to the coordinates an example touches). */
  l2: number;
  seed: number;
}

export const DEFAULT_LOGISTIC: Omit<LogisticOptions, 'dim'> = { epochs: 6, rate: 0.2, l2: 1e-6, seed: 1 };

export interface LogisticModel {
  weights: Float32Array;
  bias: number;
}

/** mulberry32: a small seeded generator, so that a retrain on the same data gives the same weights. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fitLogistic(examples: SparseExample[], options: LogisticOptions): LogisticModel {
  const { dim, epochs, rate, l2 } = options;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const order = Int32Array.from(examples.keys());
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Fisher–Yates with the seeded generator: every epoch in a new, reproducible order.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let k = 0; k < order.length; k++) {
      const ex = examples[order[k]];
      const { idx, val } = ex;
      let z = bias;
      for (let i = 0; i < idx.length; i++) z += w[idx[i]] * val[i];
      const p = sigmoid(z);
      const err = (p - ex.y) * ex.weight;
      biasG2 += err * err;
      bias -= (rate * err) / Math.sqrt(biasG2);
      for (let i = 0; i < idx.length; i++) {
        const j = idx[i];
        const g = err * val[i] + l2 * w[j];
        g2[j] += g * g;
        w[j] -= (rate * g) / Math.sqrt(g2[j]);
      }
    }
  }
  return { weights: w, bias };
}

/**
 * The mean of several fits' weights and biases (bagging over shuffle seeds): still one weight vector, so prediction is
 * the same dot product. One fit's development mean F1 moves ±0.0015 with the shuffle seed alone; three averaged, ±0.0003.
 */
export function averageModels(models: LogisticModel[]): LogisticModel {
  if (models.length === 1) return models[0];
  const weights = new Float32Array(models[0].weights.length);
  for (const m of models) for (let j = 0; j < weights.length; j++) weights[j] += m.weights[j] / models.length;
  return { weights, bias: models.reduce((s, m) => s + m.bias, 0) / models.length };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logitOf(model: LogisticModel, idx: Int32Array, val: Float32Array): number {
  let z = model.bias;
  for (let i = 0; i < idx.length; i++) z += model.weights[idx[i]] * val[i];
  return z;
}
