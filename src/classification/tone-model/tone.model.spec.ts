import { projectClassifier } from '../classification.spec-support';
import { buildDoc } from '../text/document';
import { scoreTone } from '../rules/tone.scorer';
import {
  charTrigramCount,
  charTrigramFeatures,
  FeatureBuffer,
  toneFeatures,
  trigramBuffer,
} from './tone.features';

describe('ToneModel.margin', () => {
  const classifier = projectClassifier();
  const model = classifier.tone!;
  const { segmenter, index } = classifier.resources;

  it('sums the chars part as it hashes to exactly what the buffered features give (training and eval use those)', () => {
    const texts = [
      '',
      '差',
      '太差',
      '房间又脏又小，服务态度很差，再也不会来了',
      '办税大厅 排队 两小时\t还说系统崩了😡😡 [怒]',
      '𠀀𠀁 surrogate pairs 和 ascii mixed!!!',
      '税'.repeat(400),
    ];
    for (const text of texts) {
      const doc = buildDoc('', text, segmenter, index, false);
      const tone = scoreTone(doc);
      const words = new FeatureBuffer();
      const chars = trigramBuffer();
      toneFeatures(doc, tone, words);
      charTrigramFeatures(doc.text, chars);
      expect(chars.count).toBe(charTrigramCount(doc.text.length));
      const expected = model.logit(words, chars) - model.manifest.threshold;
      expect(model.margin(doc, tone)).toBeCloseTo(expected, 9);
    }
  });

  it('mixes both parts: a plain complaint is negative, plain praise is not', () => {
    const margin = (text: string) => {
      const doc = buildDoc('', text, segmenter, index, false);
      return model.margin(doc, scoreTone(doc));
    };
    expect(margin('窗口工作人员态度恶劣，推诿扯皮，太让人失望了')).toBeGreaterThan(0);
    expect(margin('办税服务厅的工作人员热情耐心，很快就办好了，点赞')).toBeLessThan(0);
    expect(model.manifest.mix).toBeGreaterThan(0);
    expect(model.manifest.mix).toBeLessThan(1);
  });
});
