import { toSimplified } from './text/script.normalize';
import { buildGazetteer, Gazetteer } from './text/bureau.gazetteer';
import { categorise, CategoryVotes } from './rules/category.rules';
import type { Category, ClassificationResult, ClassifyInput, Reason } from './classification.types';
import { buildDoc, Doc, negatedBefore } from './text/document';
import { gradeHint } from './rules/grade.rules';
import { loadLexicon } from './lexicon/lexicon.loader';
import { binaryLogit, logPosteriors, NaiveBayesParams } from './naive-bayes';
import type { CategoryModel } from './category-model/category.model';
import { resolveRegion } from './text/region.resolver';
import { addLearnedRelevance, judgeRelevance, relevanceVote } from './rules/relevance.rules';
import { MODEL, RULES_VERSION, SCAM } from './rules/rules.params';
import { collectHits, distinctWeight, DomainHits, groupHits } from './text/domain.hits';
import { createSegmenter, Segmenter } from './text/segmenter';
import { judgeTarget } from './rules/target.rules';
import { judgeGenre } from './rules/genre.rules';
import { TermIndex } from './text/term.index';
import { scoreTone } from './rules/tone.scorer';
import { scamSignals } from './rules/scam.signals';
import type { ToneModel } from './tone-model/tone.model';
import { ComplaintModel, complaintVote } from './complaint-model/complaint.model';

/** A model fitted by `classifier:train` on triage labels (row of classifier_models). */
export interface TrainedModel {
  version: number;
  alert: NaiveBayesParams | null;
  category: NaiveBayesParams | null;
}

/** Loaded once per process and shared: lexicons, the term index, the gazetteer and jieba with its user dictionary. */
export interface ClassifierResources {
  segmenter: Segmenter;
  index: TermIndex;
  gazetteer: Gazetteer;
  lexiconFiles: string[];
}

const resourceCache = new Map<string, ClassifierResources>();
const DICTIONARY_WORD = /^[\p{Script=Han}A-Za-z0-9]*\p{Script=Han}[\p{Script=Han}A-Za-z0-9]*$/u;

export function loadResources(dirs: string[]): ClassifierResources {
  const key = dirs.join('\n');
  const cached = resourceCache.get(key);
  if (cached) return cached;
  const lexicon = loadLexicon(dirs);
  const gazetteer = buildGazetteer();
  for (const t of gazetteer.terms) {
    const existing = lexicon.terms.get(t.term);
    if (existing) {
      existing.bureaus = [...new Set([...existing.bureaus, ...t.bureaus])];
      existing.places = [...new Set([...existing.places, ...t.places])];
      existing.stemOf = [...new Set([...existing.stemOf, ...t.stemOf])];
    } else {
      lexicon.terms.set(t.term, {
        ...t,
        bureaus: [...t.bureaus],
        places: [...t.places],
        stemOf: [...t.stemOf],
      });
    }
  }
  const userWords = [...lexicon.terms.keys()].filter((w) => w.length >= 2 && DICTIONARY_WORD.test(w));
  const r: ClassifierResources = {
    segmenter: createSegmenter(userWords),
    index: new TermIndex(lexicon.terms.values()),
    gazetteer,
    lexiconFiles: lexicon.files,
  };
  resourceCache.set(key, r);
  return r;
}

/** Pure: the same input, resources and model always give the same result. */
export class Classifier {
  constructor(
    readonly resources: ClassifierResources,
    readonly model: TrainedModel | null = null,
    /** The learned tone decision (config/models/); without it `negative` is the rules' own verdict (lexicon tests). */
    readonly tone: ToneModel | null = null,
    /** The learned category prior (config/models/category.json); without it the cue words alone decide. */
    readonly categoryModel: CategoryModel | null = null,
    /** The learned complaint model (config/models/complaint.json): its vote joins the target stage's margin. */
    readonly complaint: ComplaintModel | null = null,
  ) {}

  /** The rules and the learned models but tone, e.g. `rules-8+category-1a2b3c4d+complaint-5e6f7a8b+nb-3`. */
  get modelVersion(): string {
    // Built once: every result carries it, and the models it names never change for this instance.
    return (this.version ??= this.buildModelVersion());
  }

  private version?: string;

  private buildModelVersion(): string {
    const parts: string[] = [RULES_VERSION];
    if (this.categoryModel) parts.push(this.categoryModel.version);
    if (this.complaint) parts.push(this.complaint.version);
    if (this.model) parts.push(`nb-${this.model.version}`);
    return parts.join('+');
  }

  withModel(model: TrainedModel | null): Classifier {
    return new Classifier(this.resources, model, this.tone, this.categoryModel, this.complaint);
  }

  withCategoryModel(categoryModel: CategoryModel | null): Classifier {
    return new Classifier(this.resources, this.model, this.tone, categoryModel, this.complaint);
  }

  withComplaintModel(complaint: ComplaintModel | null): Classifier {
    return new Classifier(this.resources, this.model, this.tone, this.categoryModel, complaint);
  }

  /** Tokens as the model sees them (training and prediction use the same segmentation). */
  tokens(title: string, text: string): string[] {
    return this.resources.segmenter.cut(toSimplified(`${title ?? ''}\n${text ?? ''}`));
  }

  /**
   * The category prior's, the complaint model's category heads' and the triage model's votes, computed on demand
   * (categorise() asks only when they matter). `heads` computes the heads' votes for this item.
   */
  private categoryVotes(
    tokens: string[],
    heads?: () => Partial<Record<Category, number>>,
  ): CategoryVotes | undefined {
    const prior = this.categoryModel;
    const triage = this.model?.category;
    if (!prior && !triage && !heads) return undefined;
    return {
      max:
        (prior?.manifest.weight ?? 0) +
        (heads ? this.complaint!.manifest.categoryWeight : 0) +
        (triage ? MODEL.categoryWeight : 0),
      get: () => {
        const adjust: Partial<Record<Category, number>> = prior ? prior.votes(tokens) : {};
        if (heads) {
          // for-in visits the keys in Object.entries' order, without an array of pairs an item
          const h = heads();
          for (const c in h) adjust[c as Category] = (adjust[c as Category] ?? 0) + h[c as Category]!;
        }
        if (triage) {
          const lp = logPosteriors(triage, tokens);
          for (let i = 0; i < lp.length; i++) {
            const c = triage.classes[i] as Category;
            adjust[c] = (adjust[c] ?? 0) + MODEL.categoryWeight * Math.exp(lp[i]);
          }
        }
        return adjust;
      },
    };
  }

  classify(input: ClassifyInput): ClassificationResult {
    const { segmenter, index, gazetteer } = this.resources;
    // A scratch document: nothing below keeps it past this call.
    const doc = buildDoc(input.title ?? '', input.text ?? '', segmenter, index, true);
    const hits = collectHits(doc);
    const tone = scoreTone(doc);
    const rel = judgeRelevance(doc, hits, input.source);
    // The tone model's words features, which the complaint model reads too: computed from the rule tone, before the
    // tone model's verdict replaces it (without a tone model the complaint model computes the same from the rule tone).
    const toneMargin = this.tone?.margin(doc, tone);
    const complaint = this.complaint;
    const features = this.tone?.lastFeatures() ?? complaint?.features(doc, tone);
    let learned = 0;
    if (complaint) {
      const vote = () => relevanceVote(complaint.relevanceMargin(doc, tone, features));
      addLearnedRelevance(rel, vote, doc, hits);
      if (rel.relevant) learned = complaintVote(complaint.margin(doc, tone, features));
    }
    if (toneMargin !== undefined) {
      // The model decides the tone; the rule stages above are among its inputs, not an override of it.
      tone.modelMargin = toneMargin;
      tone.negative = toneMargin >= 0;
      tone.toneScore = Math.round(-Math.tanh(toneMargin / 2) * 1000) / 1000;
    }
    const target = judgeTarget(
      doc,
      hits,
      tone,
      rel.relevant,
      judgeGenre(doc, hits, tone),
      !!input.source?.bureauCode,
      learned,
    );
    const modelReasons: Reason[] = [];
    // Impersonating the tax authority is an alert whatever the tone (contracts: category 涉税诈骗).
    const signals = rel.relevant ? scamSignals(doc, hits) : null;
    const scam = signals !== null && isScam(hits, signals.weight);
    // Death, injury, violence or a crowd at a tax bureau is reportable whatever the wording (DOMAIN.md grades).
    const emergency = rel.relevant && isEmergency(doc, hits);
    let alert = rel.relevant && (target.againstAuthority || scam || emergency);
    if (this.model?.alert) {
      const { logit, top } = binaryLogit(this.model.alert, doc.tokens, '1');
      const adj = Math.max(-MODEL.alertCap, Math.min(MODEL.alertCap, MODEL.alertWeight * logit));
      alert = Math.min(rel.margin, scam || emergency ? SCAM.threshold : target.margin) + adj >= 0;
      for (const t of top.slice(0, 3))
        modelReasons.push(tokenReason(doc, t.token, t.weight > 0 ? 'model.alert' : 'model.no-alert'));
    }
    // Votes of the category prior, the complaint model's category heads and the triage model, added to the cue words'
    // scores when they matter.
    // The heads read the same features as the complaint and relevance heads (nothing computes features in between).
    const heads =
      complaint && rel.relevant && complaint.manifest.categoryWeight > 0
        ? () => complaint.categoryVotes(doc, tone, features)
        : undefined;
    const votes = rel.relevant ? this.categoryVotes(doc.tokens, heads) : undefined;
    const cat = categorise(doc, hits, rel.relevant, votes);
    if (scam && cat.category !== '涉税诈骗') {
      cat.secondaryCategories = [
        cat.category!,
        ...cat.secondaryCategories.filter((c) => c !== '涉税诈骗'),
      ].slice(0, 2);
      cat.category = '涉税诈骗';
    }
    const region = resolveRegion(doc, hits, gazetteer, input.source);
    const grade = gradeHint(doc, hits, alert, input.source?.authorityTier);
    // Pushed, not concat() of the seven lists (0.36 % of classify() in a CPU profile: the generic builtin) nor spreads
    // (the generic iterator for some of these lists).
    const reasons = rel.reasons.slice();
    append(reasons, tone.reasons);
    append(reasons, target.reasons);
    append(reasons, region.reasons);
    append(reasons, cat.reasons);
    append(reasons, grade.reasons);
    if (scam) append(reasons, signals!.reasons);
    append(reasons, modelReasons);
    return {
      id: String(input.id),
      relevant: rel.relevant,
      negative: tone.negative,
      toneScore: tone.toneScore,
      againstAuthority: target.againstAuthority,
      alert,
      bureau: region.bureau,
      region: region.region,
      category: cat.category,
      secondaryCategories: cat.secondaryCategories,
      gradeHint: grade.gradeHint,
      reasons,
      modelVersion: this.modelVersion,
      toneModel: this.tone?.version ?? null,
    };
  }
}

/**
 * Enough scam vocabulary (冒充税务局, 钓鱼链接, 安全账户 …) and signs (an unofficial link, the authority in scare quotes:
 * scam.signals.ts) in an item about the tax authority.
 */
function isScam(hits: DomainHits, signals: number): boolean {
  let impersonation = 0;
  for (const v of hits.impersonation)
    impersonation = Math.max(
      impersonation,
      CLAIM_VERBS.has(v.info.term) ? SCAM.claimedIdentity : SCAM.impersonation,
    );
  return distinctWeight(groupHits(hits, 'scam')) + impersonation + signals >= SCAM.threshold;
}

/**
 * 自称 reports a claim, not its falsity (冒充 says it is false): 一位自称区税务局职工的网友发帖称…, 几个自称税务所的人来查摊位
 * are staff and inspectors of the authority as often as impostors. Alone it is not a scam; with a demand for money,
 * a link or another sign it is (自称税务局工作人员…要求转账到“安全账户”).
 */
const CLAIM_VERBS = new Set(['自称', '自称是']);

const EMERGENCY_SIGNALS = new Set(['death', 'injury', 'violence', 'group', 'gathering']);

function isEmergency(doc: Doc, hits: DomainHits): boolean {
  return hits.gradeCues.some(
    (m) => m.info.grades.some((g) => EMERGENCY_SIGNALS.has(g.signal)) && !negatedBefore(doc, m, 4),
  );
}

function tokenReason(doc: Doc, token: string, rule: string): Reason {
  const k = doc.tokens.findIndex((t) => t.toLowerCase() === token);
  return k < 0
    ? { rule, term: token, start: 0, end: 0 }
    : { rule, term: doc.tokens[k], start: doc.tokStart[k], end: doc.tokStart[k + 1] };
}

function append(out: Reason[], list: Reason[]): void {
  for (let i = 0; i < list.length; i++) out.push(list[i]);
}
