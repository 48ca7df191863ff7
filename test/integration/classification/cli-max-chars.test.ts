import { ClassificationConfig } from '../../../src/classification/classification.config';
import { cli } from '../../support/cli';

const MAX = new ClassificationConfig().CLASSIFY_MAX_CHARS;

/**
 * Outside trial: `classify` read a 2-million-character line whole (seconds, about 1 GB) and could decide it otherwise
 * than the service, which classifies the first CLASSIFY_MAX_CHARS characters of title + text. Same cut, same decision.
 */
describe('classify CLI: CLASSIFY_MAX_CHARS as in the service', () => {
  it('decides a line longer than the cap exactly as its first CLASSIFY_MAX_CHARS characters', async () => {
    const title = '投诉';
    const filler = '今天天气不错，出门散步。'.repeat(Math.ceil(MAX / 12));
    // past the cap: the service never reads it, so it must not make the CLI raise an alert or name a bureau
    const text = `${filler}深圳市南山区税务局工作人员态度恶劣，推诿扯皮，跑了三趟还没办成。`;
    expect(title.length + filler.length).toBeGreaterThan(MAX);
    const cut = text.slice(0, MAX - title.length);
    const { code, out } = await cli(
      ['classify'],
      `${JSON.stringify({ id: 'long', title, text })}\n${JSON.stringify({ id: 'long', title, text: cut })}\n`,
    );
    expect(code).toBe(0);
    const [long, first] = out.trim().split('\n');
    expect(long).toBe(first);
    expect(JSON.parse(long)).toMatchObject({ id: 'long', alert: false, bureau: null });
  });
});
