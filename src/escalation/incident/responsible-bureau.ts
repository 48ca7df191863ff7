import type { ClockRow } from '../escalation.types';
import { HQ_BUREAU } from '../policy/routing-rules';

/**
 * Whose an escalation subject is, for authorization (src/auth/policy): the bureau its clocks run for after routing —
 * the live clocks', which follow a reassignment, else the newest clock's — else its own bureau, else HQ (unassigned
 * incidents are HQ's to triage). Clocks are in id order (clocksOf).
 */
export function responsibleBureau(clocks: readonly ClockRow[], own: string | null): string {
  const live = clocks.find((c) => c.status === 'running' || c.status === 'missed');
  return (live ?? clocks[clocks.length - 1])?.bureauCode ?? own ?? HQ_BUREAU;
}
