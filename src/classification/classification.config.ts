import { toBool } from '../infrastructure/config/app.config';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './lexicon/lexicon.loader';

/**
 * Title and text as they are classified: cut together to CLASSIFY_MAX_CHARS, title first. The one definition of the
 * cut, for ClassificationService.classify (the worker) and the `classify` CLI, so a long item gets the same decision
 * from both — and a 2-million-character line costs the CLI no more than the service.
 */
export function clipForClassification<T extends { title?: string | null; text?: string | null }>(
  input: T,
  maxChars: number,
): T & { title: string; text: string } {
  const title = (input.title ?? '').slice(0, maxChars);
  const text = (input.text ?? '').slice(0, Math.max(0, maxChars - title.length));
  return { ...input, title, text };
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Every comma-separated entry is an existing directory (a typo in a lexicon path must stop start-up, not be ignored).
 */
function AreDirectories(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'areDirectories',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && splitDirs(value).every(isDir),
        defaultMessage: (args?: ValidationArguments) =>
          `not a directory: ${splitDirs(String(args?.value ?? ''))
            .filter((d) => !isDir(d))
            .join(', ')}`,
      },
    });
}

/** The tone model that ships with the project (`classifier:train-tone` writes it; see config/models/README.md). */
export const DEFAULT_TONE_MODEL_PATH = join(projectRoot(), 'config', 'models', 'tone.json');
export const DEFAULT_CATEGORY_MODEL_PATH = join(projectRoot(), 'config', 'models', 'category.json');
export const DEFAULT_COMPLAINT_MODEL_PATH = join(projectRoot(), 'config', 'models', 'complaint.json');

export function splitDirs(value: string): string[] {
  return value
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
}

/** Classification settings; validated at start-up (validateEnv). The CLI's classify reads them without a database. */
export class ClassificationConfig {
  /** Where the project's lexicons live (general/ and domain/ beneath it). */
  @IsString()
  @AreDirectories()
  LEXICON_DIR: string = join(projectRoot(), 'config', 'lexicon');

  /**
   * Extra lexicon directories, comma-separated, same file formats (negative.txt, degree.txt, …): how a deployment
   * that holds HowNet or DUTIR licences adds them. Read before the project's lexicons, whose weights win on conflict.
   */
  @IsOptional()
  @IsString()
  @AreDirectories()
  LEXICON_EXTRA_DIRS: string = '';

  /**
   * The learned tone model's manifest (its weights file beside it). Loaded at start-up; a missing or corrupt file
   * stops start-up (ClassificationService, loadToneModel) rather than letting the service guess the tone. Not checked
   * here: `classifier:train-tone` reads this configuration before any model exists.
   */
  @IsString()
  TONE_MODEL_PATH: string = DEFAULT_TONE_MODEL_PATH;

  /**
   * The learned category prior (`classifier:train-category`). Loaded at start-up; a missing or corrupt file stops it
   * (loadCategoryModel), as for the tone model.
   */
  @IsString()
  CATEGORY_MODEL_PATH: string = DEFAULT_CATEGORY_MODEL_PATH;

  /**
   * The learned complaint model (`classifier:train-complaint`), whose vote joins the target stage. Loaded at start-up;
   * a missing or corrupt file stops it, as for the tone model.
   */
  @IsString()
  COMPLAINT_MODEL_PATH: string = DEFAULT_COMPLAINT_MODEL_PATH;

  /** Items claimed per batch by the worker. */
  @IsInt()
  @Min(1)
  @Max(10_000)
  CLASSIFY_BATCH_SIZE: number = 500;

  /** Batches per tick at most, so one tick never runs for minutes while a backlog drains. */
  @IsInt()
  @Min(1)
  @Max(1000)
  CLASSIFY_MAX_BATCHES_PER_TICK: number = 20;

  /** Characters of title + text classified; the rest of a very long article adds cost, not signal. */
  @IsInt()
  @Min(200)
  @Max(1_000_000)
  CLASSIFY_MAX_CHARS: number = 20_000;

  /** Run the worker's tick in this instance (the global SCHEDULER_ENABLED also applies). */
  @Transform(toBool)
  @IsBoolean()
  CLASSIFY_WORKER_ENABLED: boolean = true;

  get lexiconDirs(): string[] {
    return [
      ...splitDirs(this.LEXICON_EXTRA_DIRS),
      join(this.LEXICON_DIR, 'general'),
      join(this.LEXICON_DIR, 'domain'),
    ];
  }
}
