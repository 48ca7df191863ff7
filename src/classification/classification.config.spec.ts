import { ConfigError, validateEnv } from '../infrastructure/config/validate-env';
import { join } from 'node:path';
import { ClassificationConfig, DEFAULT_TONE_MODEL_PATH } from './classification.config';
import { ClassificationService } from './classification.service';
import { ToneModelFileError } from './tone-model/tone-model.file';
import { classifierFor, lexiconDir } from './classification.spec-support';

describe('ClassificationConfig', () => {
  it('defaults to the project lexicons and validates numbers', () => {
    const c = validateEnv(ClassificationConfig, {});
    expect(c.lexiconDirs.map((d) => d.split('/').slice(-2).join('/'))).toEqual([
      'lexicon/general',
      'lexicon/domain',
    ]);
    expect(() => validateEnv(ClassificationConfig, { CLASSIFY_BATCH_SIZE: '0' })).toThrow(ConfigError);
  });

  it('stops start-up on an extra lexicon directory that does not exist', () => {
    expect(() => validateEnv(ClassificationConfig, { LEXICON_EXTRA_DIRS: '/nonexistent/hownet' })).toThrow(
      /LEXICON_EXTRA_DIRS.*not a directory: \/nonexistent\/hownet/s,
    );
  });

  it('reads extra directories first, so a licensed lexicon adds words and the project keeps its weights', () => {
    const extra = lexiconDir({ 'negative.txt': '堵心玩意\n态度恶劣\t0.5\n' }); // a bare HowNet-style list and a conflict
    const c = validateEnv(ClassificationConfig, { LEXICON_EXTRA_DIRS: extra });
    expect(c.lexiconDirs[0]).toBe(extra);
    const classifier = classifierFor(c.lexiconDirs);
    expect(classifier.resources.index.lookup('堵心玩意')?.sentiment).toBe(-1);
    expect(classifier.resources.index.lookup('态度恶劣')?.sentiment).toBeLessThan(-0.5);
    expect(classifier.resources.lexiconFiles[0]).toBe(`${extra}/negative.txt`);
  });

  it('a missing or corrupt tone model stops the service at construction, naming the file', () => {
    const missing = validateEnv(ClassificationConfig, { TONE_MODEL_PATH: '/nonexistent/tone.json' });
    expect(() => new ClassificationService(missing, null as never, null as never)).toThrow(
      /tone model \/nonexistent\/tone.json: file not found \(train one with classifier:train-tone\)/,
    );
    const dir = lexiconDir({ 'tone.json': '{"format":"something-else"}' });
    const corrupt = validateEnv(ClassificationConfig, { TONE_MODEL_PATH: join(dir, 'tone.json') });
    expect(() => new ClassificationService(corrupt, null as never, null as never)).toThrow(
      ToneModelFileError,
    );
    const shipped = validateEnv(ClassificationConfig, {});
    expect(shipped.TONE_MODEL_PATH).toBe(DEFAULT_TONE_MODEL_PATH);
    expect(
      new ClassificationService(shipped, null as never, null as never).classifier().tone?.version,
    ).toMatch(/^tone-[0-9a-f]{8}$/);
  });
});
