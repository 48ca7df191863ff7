import { binaryLogit, featureTokens, logPosteriors, trainNaiveBayes } from './naive-bayes';
import { fitModel } from './classifier.trainer';

const docs = [
  { tokens: ['窗口', '态度', '差'], label: '1' },
  { tokens: ['排队', '态度', '差', '推诿'], label: '1' },
  { tokens: ['推诿', '扯皮'], label: '1' },
  { tokens: ['查处', '团伙', '虚开'], label: '0' },
  { tokens: ['查处', '虚开', '发票'], label: '0' },
  { tokens: ['表彰', '先进'], label: '0' },
];

describe('naive Bayes', () => {
  it('keeps only word tokens, once per document', () => {
    expect(featureTokens(['态度', '，', '差', '差', ' ', 'APP'])).toEqual(['态度', '差', 'app']);
  });

  it('learns which tokens point to which class', () => {
    const p = trainNaiveBayes(docs);
    expect(p.classes).toEqual(['0', '1']);
    expect(binaryLogit(p, ['态度', '差'], '1').logit).toBeGreaterThan(0);
    expect(binaryLogit(p, ['查处', '虚开'], '1').logit).toBeLessThan(0);
    expect(binaryLogit(p, ['查处', '虚开'], '1').top[0].token).toMatch(/查处|虚开/);
  });

  it('gives normalised posteriors and ignores unseen tokens', () => {
    const p = trainNaiveBayes(docs);
    const lp = logPosteriors(p, ['从未见过']);
    expect(Math.exp(lp[0]) + Math.exp(lp[1])).toBeCloseTo(1);
    expect(Math.exp(lp[0])).toBeCloseTo(0.5); // equal priors
  });

  it('serialises as plain JSON', () => {
    const p = trainNaiveBayes(docs);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('fitModel', () => {
  const examples = Array.from({ length: 20 }, (_, i) => ({
    tokens: i % 2 ? ['态度', '差', `x${i}`] : ['查处', '团伙', `y${i}`],
    alert: i % 2 === 1,
    category: i % 2 ? ('服务态度与效率' as const) : i % 4 === 0 ? ('执法争议' as const) : null,
  }));

  it('fits the alert model and the category model and cross-validates them', () => {
    const m = fitModel(examples);
    expect(m.parameters.alert).not.toBeNull();
    expect(m.parameters.category?.classes).toEqual(['执法争议', '服务态度与效率']);
    expect(m.trainingSize).toBe(20);
    expect(m.metrics.alertLabels).toEqual({ alert: 10, noAlert: 10 });
    expect(m.metrics.alertCv?.accuracy).toBe(1);
  });

  it('leaves a part out when there are too few labels or one class', () => {
    expect(fitModel(examples.slice(0, 5)).parameters.alert).toBeNull();
    expect(fitModel(examples.map((e) => ({ ...e, alert: true }))).parameters.alert).toBeNull();
  });
});
