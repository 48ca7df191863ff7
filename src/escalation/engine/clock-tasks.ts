/**
 * What a mail or a link page tells a unit is still to do, read from the incident's own clock rows (pure;
 * clock-tasks.spec.ts). The clocks an incident has come from its grade's policy (Ⅳ has no 首报, only Ⅰ/Ⅱ have a
 * 书面报告, and HQ admins may change that), so no text here names a clock by grade.
 */
import { CLOCK_KIND_LABELS, ClockKind, ClockStatus } from '../escalation.types';

interface ClockLike {
  kind: ClockKind;
  status: ClockStatus;
}

/** Each clock as a task in a sentence ("请立即签收，并在下列时限内…"). */
const TASKS: Record<ClockKind, string> = {
  acknowledge: '签收',
  first_report: '向上级报告（首报）',
  written_report: '报送书面报告',
  response: '发布权威信息（回应）',
  response_followup: '召开新闻发布会或作详细回应',
  explanation: '报送情况说明',
  supervision: '报告督办事项办理情况',
};

/** The kinds still running or overdue, once each, in the clocks' order. */
export function liveKinds(clocks: readonly ClockLike[]): ClockKind[] {
  const out: ClockKind[] = [];
  for (const c of clocks)
    if ((c.status === 'running' || c.status === 'missed') && !out.includes(c.kind)) out.push(c.kind);
  return out;
}

/** "请立即签收，并在下列时限内向上级报告（首报）、发布权威信息（回应）" — only what the incident's clocks ask. */
export function tasksText(clocks: readonly ClockLike[]): string {
  const kinds = liveKinds(clocks);
  const rest = kinds.filter((k) => k !== 'acknowledge').map((k) => TASKS[k]);
  const within = rest.length ? `在下列时限内${rest.join('、')}` : '';
  if (kinds.includes('acknowledge')) return `请立即签收${within ? `，并${within}` : ''}`;
  return within ? `请${within}` : '请及时处置';
}

/** "后续「首报（向上级报告）」「书面报告」时限仍在计时。" or, when none runs, that none does. */
export function stillRunningText(clocks: readonly ClockLike[]): string {
  const kinds = liveKinds(clocks);
  if (!kinds.length) return '本事件已无进行中的时限。';
  return `后续${kinds.map((k) => `「${CLOCK_KIND_LABELS[k]}」`).join('')}时限仍在计时。`;
}
