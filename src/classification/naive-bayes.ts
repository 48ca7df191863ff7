/**
 * Multinomial naive Bayes over jieba tokens, with binarised counts (a token counts once per document), which suits
 * short posts. Small enough to write here, and its parameters are plain JSON stored in classifier_models.
 */
export interface NaiveBayesParams {
  classes: string[];
  logPrior: number[];
  /** token → log P(token | class) per class. */
  logLikelihood: Record<string, number[]>;
  /** log P(unseen token | class): the smoothing mass (unseen tokens are skipped at prediction; kept for reference). */
  logUnseen: number[];
  vocabularySize: number;
}

export interface TrainingDoc {
  tokens: string[];
  label: string;
}

const WORD = /[\p{L}\p{N}]/u;

/** Features: folded tokens that contain a letter or digit (punctuation and spaces carry no topic). */
export function featureTokens(tokens: string[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) if (WORD.test(t)) out.add(t.toLowerCase());
  return [...out];
}

export function trainNaiveBayes(
  docs: TrainingDoc[],
  opts: { alpha?: number; maxVocabulary?: number } = {},
): NaiveBayesParams {
  const alpha = opts.alpha ?? 1;
  const classes = [...new Set(docs.map((d) => d.label))].sort();
  const ci = new Map(classes.map((c, i) => [c, i]));
  const docCount = new Array<number>(classes.length).fill(0);
  const counts = new Map<string, number[]>();
  const df = new Map<string, number>();
  for (const d of docs) {
    const c = ci.get(d.label)!;
    docCount[c]++;
    for (const t of featureTokens(d.tokens)) {
      let row = counts.get(t);
      if (!row) counts.set(t, (row = new Array<number>(classes.length).fill(0)));
      row[c]++;
      df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const vocab = [...counts.keys()]
    .sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : 1))
    .slice(0, opts.maxVocabulary ?? 20000);
  const totals = classes.map((_, c) => vocab.reduce((s, t) => s + counts.get(t)![c], 0));
  const V = vocab.length;
  const logLikelihood: Record<string, number[]> = {};
  for (const t of vocab) {
    logLikelihood[t] = classes.map((_, c) =>
      round(Math.log((counts.get(t)![c] + alpha) / (totals[c] + alpha * V))),
    );
  }
  return {
    classes,
    logPrior: docCount.map((n) => round(Math.log((n + alpha) / (docs.length + alpha * classes.length)))),
    logLikelihood,
    logUnseen: classes.map((_, c) => round(Math.log(alpha / (totals[c] + alpha * V)))),
    vocabularySize: V,
  };
}

/**
 * The category model's features: the tokens and the character pairs of the text they cover (marked so a pair never
 * meets a two-character token). Pairs carry what jieba cuts apart or joins differently (送过礼, 有人就退).
 */
export function categoryFeatures(tokens: string[]): string[] {
  const text = tokens.join('');
  const out = tokens.slice();
  for (let i = 1; i < text.length; i++) out.push(PAIR_PREFIX + text.slice(i - 1, i + 1));
  return out;
}
export const PAIR_PREFIX = '\u00a7';

/** Normalised log posteriors per class (log-sum-exp = 0). */
export function logPosteriors(p: NaiveBayesParams, tokens: string[]): number[] {
  const s = [...p.logPrior];
  for (const t of featureTokens(tokens)) {
    const ll = p.logLikelihood[t];
    if (!ll) continue;
    for (let c = 0; c < s.length; c++) s[c] += ll[c];
  }
  const max = Math.max(...s);
  const lse = max + Math.log(s.reduce((a, v) => a + Math.exp(v - max), 0));
  return s.map((v) => v - lse);
}

/** For a two-class model: log P(positive) - log P(other), and the tokens that pushed it most, strongest first. */
export function binaryLogit(
  p: NaiveBayesParams,
  tokens: string[],
  positive: string,
): { logit: number; top: { token: string; weight: number }[] } {
  const pi = p.classes.indexOf(positive);
  if (pi < 0 || p.classes.length !== 2) return { logit: 0, top: [] };
  const oi = 1 - pi;
  let logit = p.logPrior[pi] - p.logPrior[oi];
  const contrib: { token: string; weight: number }[] = [];
  for (const t of featureTokens(tokens)) {
    const ll = p.logLikelihood[t];
    if (!ll) continue;
    const w = ll[pi] - ll[oi];
    logit += w;
    contrib.push({ token: t, weight: w });
  }
  contrib.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { logit, top: contrib.slice(0, 5) };
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
