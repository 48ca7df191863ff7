import { classify, projectClassifier, shippedModelVersion } from './classification.spec-support';
import { Classifier } from './classifier';
import { fitModel } from './classifier.trainer';
import { RULES_VERSION } from './rules/rules.params';

const c = projectClassifier();

describe('Classifier', () => {
  it('gives every reason offsets into title + "\\n" + text', () => {
    const title = '深圳市南山区税务局窗口态度恶劣';
    const text = '排队两小时，推诿扯皮，电子税务局也登不上[怒]，难道这就是为人民服务？';
    const r = c.classify({ id: '1', title, text });
    const full = `${title}\n${text}`;
    expect(r.reasons.length).toBeGreaterThan(5);
    for (const x of r.reasons) if (x.end > 0) expect(full.slice(x.start, x.end)).toBe(x.term);
  });

  it('is deterministic and records the rules version', () => {
    const a = classify(c, '12366打了一上午都打不通');
    expect(classify(c, '12366打了一上午都打不通')).toEqual(a);
    expect(a.modelVersion).toBe(shippedModelVersion());
    expect(a.modelVersion.startsWith(`${RULES_VERSION}+category-`)).toBe(true);
  });

  it('carries nothing from one item to the next (its per-item buffers are reused)', () => {
    const texts = [
      '深圳市南山区税务局办税服务厅工作人员态度恶劣，推诿扯皮。',
      '税务局的人好像差不多都下班了，电子税务局又崩了[怒]',
      '点赞税务局，个税汇算退税很快！',
      '冒充税务局的短信让点链接领补贴，千万别上当。',
    ];
    const run = (text: string) => JSON.stringify(c.classify({ id: 'x', title: '', text }));
    const afterShort = texts.map((t) => (run('好'), run(t)));
    // Longer than the buffers (they grow), one token per character: stale boundaries would show everywhere.
    const poison = '！'.repeat(3000);
    const afterPoison = texts.map((t) => (run(poison), run(t)));
    expect(afterPoison).toEqual(afterShort);
  });

  it('reads items longer than its reused buffers to the end', () => {
    const filler = '今天天气不错，我们去公园散步。'.repeat(120); // 1,800 characters, several hundred tokens
    const text = `${filler}深圳市南山区税务局办税服务厅工作人员态度恶劣，推诿扯皮。`;
    const r = c.classify({ id: 'long', title: '', text });
    const full = `\n${text}`;
    expect(r.alert).toBe(true);
    expect(r.bureau?.name).toContain('南山区');
    const complaint = r.reasons.find((x) => x.term === '态度恶劣');
    expect(complaint?.start).toBe(full.indexOf('态度恶劣'));
    for (const x of r.reasons) if (x.end > 0) expect(full.slice(x.start, x.end)).toBe(x.term);
  });

  it('lifts an item whose only relevance evidence is its bureau-bound source, with a reason pointing at no text', () => {
    // Found by a helper's 38,871-input sweep: the learned relevance vote carried the item over the line and its reason
    // looked for a tax word in the text, which had none (TypeError: reading 'start' of null).
    const text = '税收洼地清理可以理解，但连三年前按当时合法政策拿到的返还也要补回来，这不是朝令夕改吗？';
    const r = c.classify({
      id: 'src',
      title: '',
      text,
      source: { bureauCode: '320102', authorityTier: 'forum' },
    });
    expect(r.relevant).toBe(true);
    expect(r.reasons).toContainEqual({ rule: 'relevance.learned', term: '', start: 0, end: 0 });
  });

  it('handles empty, odd and long input without throwing', () => {
    for (const text of ['', ' ', '\u0000\uffff', '😡'.repeat(50), 'a'.repeat(5000), '税务局'.repeat(2000)]) {
      expect(() => c.classify({ id: 'x', title: '', text })).not.toThrow();
    }
  });

  it('lets a trained model nudge the alert decision and records its version', () => {
    // Staff keep confirming that complaints about 核定 are alerts and dismiss 表彰 items.
    const examples = Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? { tokens: c.tokens('', `某区税务局核定定额${i}`), alert: true, category: '收费与负担' as const }
        : { tokens: c.tokens('', `某区税务局表彰先进${i}`), alert: false, category: null },
    );
    const m = fitModel(examples);
    const withModel: Classifier = c.withModel({
      version: 3,
      alert: m.parameters.alert,
      category: m.parameters.category,
    });
    const text = '某区税务局发布核定定额通知';
    expect(classify(c, text).alert).toBe(false);
    const r = withModel.classify({ id: '1', title: '', text });
    expect(r.alert).toBe(true);
    expect(r.modelVersion).toBe(`${shippedModelVersion()}+nb-3`);
    expect(r.reasons.some((x) => x.rule === 'model.alert' && x.term.startsWith('核定'))).toBe(true);
  });
});
