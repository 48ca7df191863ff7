import { alertSummary, groupReasons, reasonLabel } from './incident-reasons';

const r = (rule: string, term: string, start = 0, end = term.length) => ({ rule, term, start, end });

describe('reasons in words (issue 13: no internal rule names on screen)', () => {
  it('labels every rule the classifier emits in Chinese, and unknown ones by their family, never as code', () => {
    expect(reasonLabel('relevance.authority')).toBe('提及税务机关');
    expect(reasonLabel('tone.negative')).toBe('负面表述');
    expect(reasonLabel('grade.death')).toBe('分级信号：人员死亡');
    expect(reasonLabel('category.服务态度与效率')).toBe('分类「服务态度与效率」');
    expect(reasonLabel('tone.model')).toBe('情感倾向');
    expect(reasonLabel('grade.unheard-of')).toBe('分级信号');
    expect(reasonLabel('something')).toBe('其他依据');
    for (const rule of [
      'relevance.bureau',
      'target.complaint',
      'region.place',
      'tone.contrast',
      'whatever.x',
    ])
      expect(reasonLabel(rule)).not.toMatch(/[a-z]/);
  });

  it('groups phrases under their label, once each, leaving out identifiers of zero-width reasons', () => {
    const groups = groupReasons([
      r('relevance.authority', '区税务局', 0, 4),
      r('tone.negative', '差', 10, 11),
      r('tone.negative', '慢', 12, 13),
      r('tone.negative', '差', 20, 21),
      r('relevance.source', 'src-17', 0, 0),
      r('error', 'boom'),
    ]);
    expect(groups).toEqual([
      { label: '提及税务机关', terms: ['区税务局'] },
      { label: '负面表述', terms: ['差', '慢'] },
      { label: '来自本单位监测渠道', terms: [] },
    ]);
  });

  it('says in one line why an item alerted', () => {
    expect(
      alertSummary([
        r('relevance.bureau', '朝阳区税务局'),
        r('tone.negative', '刁难'),
        r('target.complaint', '投诉'),
      ]),
    ).toBe('点名税务机关，表述负面，矛头指向税务机关。');
    expect(alertSummary([r('relevance.service', '办税'), r('grade.central-source', 'central', 0, 0)])).toBe(
      '涉及税务工作，中央媒体报道。',
    );
    expect(alertSummary([])).toBe('');
  });

  it('names the complaint model’s verdict and an approval of enforcement (rules-8)', () => {
    expect(reasonLabel('target.learned')).toBe('投诉模型判断矛头指向税务机关');
    expect(reasonLabel('target.support')).toBe('支持执法（负面指向违法者）');
    expect(reasonLabel('relevance.learned')).toBe('相关模型判断涉及税务工作');
    expect(alertSummary([r('relevance.authority', '办税服务厅'), r('target.learned', '办税服务厅')])).toBe(
      '涉及税务工作，矛头指向税务机关。',
    );
  });

  it('names a bare turn (rules-7: 服务挺好，可是…) as a complaint after a turn, and counts it as negative wording', () => {
    expect(reasonLabel('tone.turn')).toBe('转折后的不满');
    expect(alertSummary([r('relevance.bureau', '朝阳区税务局'), r('tone.turn', '可是')])).toBe(
      '点名税务机关，表述负面。',
    );
  });
});
