import type { SparseExample } from './logistic';
import { fitEnsemble, MIXES, mixLogit } from './tone.ensemble';
import { chooseThreshold, developmentRows, fitTone } from './tone.learning';
import { DENSE } from './tone.features';
import type { Split, ToneRow } from './training.data';

/** One hashed feature per example: its bucket says the label when `informative`, else a bucket shared by all. */
function example(bucket: number, y: 0 | 1): SparseExample {
  return { idx: Int32Array.of(DENSE + bucket), val: Float32Array.of(1), y, weight: 1 };
}

function rows(n: number, machineEvery = 0): ToneRow[] {
  const splits: Split[] = [
    'train',
    'train',
    'train',
    'train',
    'train',
    'train',
    'train',
    'dev',
    'dev',
    'held-apart',
  ];
  return Array.from({ length: n }, (_, i) => ({
    source: machineEvery && i % machineEvery === 0 ? 'llm' : 'people',
    text: `t${i}`,
    negative: i % 2 === 0,
    split: splits[Math.floor(i / 2) % splits.length],
    trainOnly: machineEvery > 0 && i % machineEvery === 0,
  }));
}

describe('tone ensemble', () => {
  it('development rows are the people-labelled ones, or all of them when only machine labels are there', () => {
    const r = rows(200, 3);
    const dev = developmentRows(r, () => true);
    expect(dev.length).toBeGreaterThan(0);
    expect(dev.every((i) => r[i].split === 'dev' && !r[i].trainOnly)).toBe(true);
    const onlyMachine = developmentRows(r, (x) => x.trainOnly);
    expect(onlyMachine.length).toBeGreaterThan(0);
    expect(onlyMachine.every((i) => r[i].trainOnly)).toBe(true);
  });

  it('machine-labelled development rows do not move the threshold', () => {
    const r = rows(400, 4);
    // The language model calls some plainly positive texts negative: bucket 2 is "not negative" for people.
    for (const x of r) if (x.trainOnly && x.split === 'dev') x.negative = true;
    const ex = r.map((x) => example(x.negative && !x.trainOnly ? 1 : 2, x.negative ? 1 : 0));
    const fitted = fitTone(r, ex, () => true);
    const dev = r.map((_, i) => i).filter((i) => r[i].split === 'dev');
    const logit = (i: number) => fitted.model.bias + fitted.model.weights[ex[i].idx[0]];
    const people = dev.filter((i) => !r[i].trainOnly);
    expect(fitted.threshold).toBe(
      chooseThreshold(
        people.map((i) => r[i]),
        people.map(logit),
      ),
    );
    expect(fitted.threshold).not.toBe(
      chooseThreshold(
        dev.map((i) => r[i]),
        dev.map(logit),
      ),
    );
  });

  it('weights the informative part: the mix goes to the words part or the chars part, whichever tells the label', () => {
    const r = rows(600);
    // Informative everywhere, one row in ten wrong.
    const telling = r.map((x, i) => example(x.negative !== (i % 10 === 3) ? 1 : 2, x.negative ? 1 : 0));
    // Spurious: tells the label on the training rows only, a bucket unrelated to it elsewhere.
    const noise = r.map((x, i) =>
      example(
        x.split === 'train' ? (x.negative ? 11 : 12) : 11 + (Math.floor(i / 3) % 2),
        x.negative ? 1 : 0,
      ),
    );
    const wordsWin = fitEnsemble(r, { words: telling, chars: noise }, () => true);
    const charsWin = fitEnsemble(r, { words: noise, chars: telling }, () => true);
    expect(wordsWin.mix).toBeGreaterThanOrEqual(0.7);
    expect(charsWin.mix).toBeLessThanOrEqual(0.4);
    expect(MIXES[0]).toBeLessThanOrEqual(0.4);
    for (const f of [wordsWin, charsWin]) {
      const lw = f.words.bias + f.words.weights[telling[0].idx[0]];
      expect(Number.isFinite(f.threshold)).toBe(true);
      expect(f.logits).toHaveLength(r.length);
      if (f === wordsWin)
        expect(f.logits[0]).toBeCloseTo(
          mixLogit(f.mix, lw, f.chars.bias + f.chars.weights[noise[0].idx[0]]),
          5,
        );
    }
  });
});
