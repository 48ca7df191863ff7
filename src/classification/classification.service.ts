import { Injectable } from '@nestjs/common';
import { Clock } from '../infrastructure/clock/clock';
import { DomainError } from '../infrastructure/http/domain-error';
import { rootLogger } from '../infrastructure/logging/logger';
import { ClassificationConfig, clipForClassification } from './classification.config';
import { ClassificationStore, LabelInput } from './classification.store';
import { CATEGORIES, ClassificationResult, ClassifyInput } from './classification.types';
import { Classifier, loadResources } from './classifier';
import { fitModel, FittedModel } from './classifier.trainer';
import { RULES_VERSION } from './rules/rules.params';
import type { ToneModel } from './tone-model/tone.model';
import { loadToneModel } from './tone-model/tone-model.file';
import type { CategoryModel } from './category-model/category.model';
import { loadCategoryModel } from './category-model/category.model';
import type { ComplaintModel } from './complaint-model/complaint.model';
import { loadComplaintModel } from './complaint-model/complaint-model.file';

export interface TrainOutcome {
  version: number;
  modelVersion: string;
  trainingSize: number;
  metrics: FittedModel['metrics'];
}

/**
 * The classifier for this process (lexicons, jieba and term index loaded once), the active triage model, and the
 * labels that train it. The incident layer calls recordLabel when staff confirm or dismiss an alert.
 */
@Injectable()
export class ClassificationService {
  private current: Classifier | null = null;
  private readonly log = rootLogger().child({ ctx: 'classification' });
  /** Loaded when the service is built: a missing or corrupt model file stops start-up (ToneModelFileError). */
  private readonly toneModel: ToneModel;
  private readonly categoryModel: CategoryModel;
  private readonly complaintModel: ComplaintModel;

  constructor(
    private readonly config: ClassificationConfig,
    private readonly store: ClassificationStore,
    private readonly clock: Clock,
  ) {
    this.toneModel = loadToneModel(config.TONE_MODEL_PATH);
    this.categoryModel = loadCategoryModel(config.CATEGORY_MODEL_PATH);
    this.complaintModel = loadComplaintModel(config.COMPLAINT_MODEL_PATH);
  }

  /** The classifier with the active model; rules alone until a model has been trained. */
  classifier(): Classifier {
    this.current ??= new Classifier(
      loadResources(this.config.lexiconDirs),
      null,
      this.toneModel,
      this.categoryModel,
      this.complaintModel,
    );
    return this.current;
  }

  classify(input: ClassifyInput): ClassificationResult {
    return this.classifier().classify(clipForClassification(input, this.config.CLASSIFY_MAX_CHARS));
  }

  /** Picks up a model trained elsewhere (another instance, the CLI): one cheap query, a load only on change. */
  async refreshModel(): Promise<string> {
    const active = await this.store.activeVersion();
    const c = this.classifier();
    if ((c.model?.version ?? null) !== active) {
      const model = active === null ? null : await this.store.loadModel(active);
      this.current = c.withModel(model);
      this.log.info({ modelVersion: this.current.modelVersion }, 'classifier model changed');
    }
    return this.current!.modelVersion;
  }

  /** Stores a triage decision (confirmed / false positive, corrected category or bureau) for training. */
  async recordLabel(l: LabelInput): Promise<string> {
    if (l.category && !CATEGORIES.includes(l.category)) {
      throw new DomainError('invalid', 'CLASSIFICATION_BAD_CATEGORY', `unknown category: ${l.category}`);
    }
    let title = l.title;
    let text = l.text;
    let ingestedAt = l.itemIngestedAt ?? null;
    if (l.itemId && (title === undefined || text === undefined || !ingestedAt)) {
      const item = await this.store.itemText(l.itemId, ingestedAt);
      if (!item)
        throw new DomainError('not_found', 'CLASSIFICATION_ITEM_NOT_FOUND', `item ${l.itemId} not found`);
      title ??= item.title;
      text ??= item.text;
      ingestedAt = item.ingestedAt;
    }
    if (!(title ?? '') && !(text ?? '')) {
      throw new DomainError('invalid', 'CLASSIFICATION_EMPTY_LABEL', 'a label needs an item or some text');
    }
    return this.store.insertLabel(
      { ...l, itemIngestedAt: ingestedAt },
      this.clock.now(),
      title ?? '',
      text ?? '',
    );
  }

  /** `classifier:train`: fits the triage model on all labels, stores it as the active version and uses it. */
  async train(): Promise<TrainOutcome> {
    const labels = await this.store.trainingLabels();
    const c = this.classifier();
    const fitted = fitModel(
      labels.map((l) => ({ tokens: c.tokens(l.title, l.text), alert: l.alert, category: l.category })),
    );
    if (!fitted.parameters.alert && !fitted.parameters.category) {
      throw new DomainError(
        'invalid',
        'CLASSIFIER_TOO_FEW_LABELS',
        `need at least 10 labels with both alert and non-alert decisions (have ${labels.length}: ` +
          `${fitted.metrics.alertLabels.alert} alert, ${fitted.metrics.alertLabels.noAlert} not)`,
      );
    }
    const version = await this.store.saveModel({
      createdAt: this.clock.now(),
      rulesVersion: RULES_VERSION,
      parameters: fitted.parameters,
      trainingSize: fitted.trainingSize,
      metrics: fitted.metrics,
    });
    const modelVersion = await this.refreshModel();
    return { version, modelVersion, trainingSize: fitted.trainingSize, metrics: fitted.metrics };
  }
}
