/**
 * The classifier's reasons in words a monitoring officer reads (issue 13: no internal rule names on screen). Rule
 * names are the classifier's contract (`relevance.authority`, `tone.negative`, `grade.death` …, see
 * src/classification/README.md); this is the only place that turns them into Chinese. An unknown rule falls back to
 * its family's label, so a new rule never shows up as code.
 */
import type { Reason } from './incident-evidence';

const EXACT: Record<string, string> = {
  'relevance.authority': '提及税务机关',
  'relevance.service': '涉及办税服务',
  'relevance.etax': '涉及电子税务局',
  'relevance.policy': '涉及税收政策',
  'relevance.fees': '涉及税费负担',
  'relevance.scam': '涉税诈骗线索',
  'relevance.bureau': '点名具体税务机关',
  'relevance.source': '来自本单位监测渠道',
  'relevance.exclude.agents': '代账、筹划等中介内容',
  'relevance.exclude.foreign': '境外税务机构',
  'relevance.exclude.unrelated': '与税务工作无关',
  'relevance.learned': '相关模型判断涉及税务工作',
  'tone.negative': '负面表述',
  'tone.positive': '正面表述',
  'tone.negation': '否定词',
  'tone.degree': '程度词',
  'tone.contrast': '转折',
  'tone.emoticon': '表情符号',
  'tone.irony': '反讽',
  'tone.rhetorical': '反问',
  'tone.turn': '转折后的不满',
  'target.authority': '矛头指向税务机关',
  'target.complaint': '投诉、举报用语',
  'target.official': '涉及税务工作人员',
  'target.enforcement-news': '执法通报（不计为负面）',
  'target.scam-warning': '防骗提示（不计为负面）',
  'target.support': '支持执法（负面指向违法者）',
  'target.learned': '投诉模型判断矛头指向税务机关',
  'region.bureau': '单位名称',
  'region.place': '地名',
  'region.source': '来源所属单位',
  'region.ambiguous': '地名有重名',
  'grade.central-source': '中央媒体报道',
  error: '自动研判出错',
};

const GRADE_SIGNALS: Record<string, string> = {
  conflict: '肢体冲突',
  corruption: '腐败问题',
  death: '人员死亡',
  exposure: '媒体曝光',
  gathering: '人员聚集',
  group: '群体性事件',
  injury: '人员受伤',
  loss: '财产损失',
  'loss-large': '重大损失',
  media: '媒体关注',
  misconduct: '违规违纪',
  national: '全国性影响',
  official: '点名干部',
  outage: '系统故障',
  petition: '信访',
  quarrel: '争吵',
  scope: '影响范围广',
  spread: '广泛传播',
  violence: '暴力',
};

const FAMILY: Record<string, string> = {
  relevance: '涉税依据',
  tone: '情感倾向',
  target: '指向',
  region: '属地',
  category: '分类',
  grade: '分级信号',
};

/** The Chinese label of one rule. */
export function reasonLabel(rule: string): string {
  const exact = EXACT[rule];
  if (exact) return exact;
  const dot = rule.indexOf('.');
  const family = dot < 0 ? rule : rule.slice(0, dot);
  const rest = dot < 0 ? '' : rule.slice(dot + 1);
  if (family === 'category' && rest) return `分类「${rest}」`;
  if (family === 'grade' && GRADE_SIGNALS[rest]) return `分级信号：${GRADE_SIGNALS[rest]}`;
  return FAMILY[family] ?? '其他依据';
}

/** Reasons grouped by label, in first-seen order, each with its distinct terms: 「负面表述：差、慢」. */
export function groupReasons(reasons: readonly Reason[]): { label: string; terms: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of reasons) {
    if (r.rule === 'error') continue;
    const label = reasonLabel(r.rule);
    const terms = groups.get(label) ?? [];
    // zero-width reasons (source, central media) carry an identifier, not a phrase of the text
    const term = r.end > r.start ? r.term : '';
    if (term && !terms.includes(term)) terms.push(term);
    groups.set(label, terms);
  }
  return [...groups].map(([label, terms]) => ({ label, terms }));
}

/** One line saying why an item raised an alert, from the reasons it carries. */
export function alertSummary(reasons: readonly Reason[]): string {
  const has = (prefix: string) => reasons.some((r) => r.rule.startsWith(prefix));
  const parts: string[] = [];
  if (has('relevance.bureau')) parts.push('点名税务机关');
  else if (has('relevance.')) parts.push('涉及税务工作');
  if (has('tone.negative') || has('tone.irony') || has('tone.rhetorical') || has('tone.turn'))
    parts.push('表述负面');
  if (has('target.authority') || has('target.complaint') || has('target.official') || has('target.learned'))
    parts.push('矛头指向税务机关');
  if (has('relevance.scam')) parts.push('疑似涉税诈骗');
  if (has('grade.') && !has('grade.central-source')) parts.push('含分级信号');
  if (has('grade.central-source')) parts.push('中央媒体报道');
  return parts.length ? `${parts.join('，')}。` : '';
}
