/**
 * Escalation policies: the defaults from DOMAIN.md ("Time limits") and the validation of edited ones. Pure.
 *
 * Ladders (who hears about a missed deadline, and when): the unit's deputies and office at the deadline, then the
 * head and liaison of each superior bureau in turn up to HQ (county → city → province → 总局), 15 minutes apart for
 * Ⅰ/Ⅱ. A step whose bureau or roles resolve to nobody is skipped at once (see escalation-ladder.ts).
 */
import { CONTACT_ROLES, ContactRole } from '../../organisation/organisation.types';
import {
  CalendarMode,
  CLOCK_KINDS,
  ClockKind,
  ClockPolicy,
  EscalationPolicy,
  EscalationStep,
  PolicySnapshot,
} from '../escalation.types';

export const GRADE_POLICY_KEYS = ['I', 'II', 'III', 'IV'] as const;
export const POLICY_KEYS = [...GRADE_POLICY_KEYS, 'explanation', 'supervision'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export const POLICY_KEY_LABELS: Record<PolicyKey, string> = {
  I: 'Ⅰ级 特别重大',
  II: 'Ⅱ级 重大',
  III: 'Ⅲ级 较大',
  IV: 'Ⅳ级 一般',
  explanation: '情况说明（统计通报）',
  supervision: '督办事项（督办台账）',
};

const HL: ContactRole[] = ['head', 'liaison'];
const DO: ContactRole[] = ['deputy', 'office'];
const step = (up: number, roles: ContactRole[], delayMinutes: number): EscalationStep => ({
  up,
  roles,
  delayMinutes,
});

/** Ⅰ and Ⅱ share the limits: 15 min to acknowledge, 30 min phone report, 1 h written, 5 h / 24 h public response. */
function urgentPolicy(): EscalationPolicy {
  const upTheChain = [step(0, DO, 0), step(1, HL, 15), step(2, HL, 15), step(3, HL, 15)];
  return {
    calendar: '24x7',
    notifyAtStart: HL,
    missedGraceMinutes: 60,
    clocks: [
      {
        kind: 'acknowledge',
        minutes: 15,
        anchor: 'confirmed',
        steps: upTheChain,
        repeat: 1,
        repeatEveryMinutes: 15,
      },
      { kind: 'first_report', minutes: 30, anchor: 'detected', steps: upTheChain, repeat: 0 },
      {
        kind: 'written_report',
        minutes: 60,
        anchor: 'detected',
        steps: [step(0, HL, 0), step(1, HL, 30)],
        repeat: 0,
      },
      {
        kind: 'response',
        minutes: 300,
        anchor: 'detected',
        steps: [step(0, HL, 0), step(1, HL, 60), step(2, HL, 60)],
        repeat: 0,
      },
      {
        kind: 'response_followup',
        minutes: 1440,
        anchor: 'detected',
        steps: [step(0, HL, 0), step(1, HL, 120)],
        repeat: 0,
      },
    ],
  };
}

/**
 * Defaults per policy key. Ⅲ/Ⅳ count working time: Ⅲ 60 min to acknowledge and 2 h to report; Ⅳ acknowledges by
 * the end of the next working day and is reported in the monthly figures (no first-report clock). The 48 h public
 * response of Ⅲ becomes two working days on the working calendar (Ⅳ: "if a response is needed" — no default clock).
 */
export function defaultPolicy(key: PolicyKey): EscalationPolicy {
  switch (key) {
    case 'I':
    case 'II':
      return urgentPolicy();
    case 'III':
      return {
        calendar: 'working',
        notifyAtStart: HL,
        missedGraceMinutes: 60,
        clocks: [
          {
            kind: 'acknowledge',
            minutes: 60,
            anchor: 'confirmed',
            steps: [step(0, DO, 0), step(1, HL, 60), step(2, HL, 120)],
            repeat: 0,
          },
          {
            kind: 'first_report',
            minutes: 120,
            anchor: 'detected',
            steps: [step(0, DO, 0), step(1, HL, 60), step(2, HL, 120)],
            repeat: 0,
          },
          {
            kind: 'response',
            workingDays: 2,
            anchor: 'detected',
            steps: [step(0, HL, 0), step(1, HL, 240)],
            repeat: 0,
          },
        ],
      };
    case 'IV':
      return {
        calendar: 'working',
        notifyAtStart: HL,
        missedGraceMinutes: 60,
        clocks: [
          {
            kind: 'acknowledge',
            workingDays: 1,
            anchor: 'confirmed',
            steps: [step(0, DO, 0), step(1, ['liaison'], 420)],
            repeat: 0,
          },
        ],
      };
    case 'explanation':
      return {
        calendar: 'working',
        notifyAtStart: [],
        missedGraceMinutes: 0,
        clocks: [
          {
            kind: 'explanation',
            workingDays: 5,
            anchor: 'confirmed',
            steps: [step(0, HL, 0), step(1, HL, 420)],
            repeat: 1,
            repeatEveryMinutes: 420,
          },
        ],
      };
    // 督办台账: the deadline is set per matter; the same ladder as an explanation task (head and liaison at the
    // deadline, then up the tree). The unit's notice when a matter opens is sent by the briefings module.
    case 'supervision':
      return {
        calendar: 'working',
        notifyAtStart: [],
        missedGraceMinutes: 0,
        clocks: [
          {
            kind: 'supervision',
            workingDays: 5,
            anchor: 'confirmed',
            steps: [step(0, HL, 0), step(1, HL, 420)],
            repeat: 1,
            repeatEveryMinutes: 420,
          },
        ],
      };
  }
}

export function isPolicyKey(v: unknown): v is PolicyKey {
  return typeof v === 'string' && (POLICY_KEYS as readonly string[]).includes(v);
}

export function clockPolicy(policy: EscalationPolicy, kind: ClockKind): ClockPolicy | undefined {
  return policy.clocks.find((c) => c.kind === kind);
}

export function snapshotOf(
  policyKey: string,
  version: number,
  policy: EscalationPolicy,
  clock: ClockPolicy,
  workingHours: string,
): PolicySnapshot {
  return { policyKey, version, calendar: clock.calendar ?? policy.calendar, clock, workingHours };
}

/** Thrown by validatePolicy with every problem found, for a 400 that lists them all. */
export class PolicyValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`策略无效：${problems.join('；')}`);
  }
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const WEEK = 7 * 24 * 60;

function checkRoles(v: unknown, where: string, problems: string[], allowEmpty: boolean): ContactRole[] {
  if (
    !Array.isArray(v) ||
    (!allowEmpty && v.length === 0) ||
    v.some((r) => !(CONTACT_ROLES as unknown[]).includes(r))
  ) {
    problems.push(
      `${where} 必须是角色列表（${CONTACT_ROLES.join('、')}）${allowEmpty ? '' : '，且不能为空'}`,
    );
    return [];
  }
  return [...new Set(v as ContactRole[])];
}

function checkClock(c: Record<string, unknown>, i: number, problems: string[]): ClockPolicy | null {
  const where = `clocks[${i}]`;
  if (!(CLOCK_KINDS as readonly unknown[]).includes(c.kind)) {
    problems.push(`${where}.kind 必须是 ${CLOCK_KINDS.join('、')} 之一`);
    return null;
  }
  const hasMinutes = c.minutes !== undefined;
  const hasDays = c.workingDays !== undefined;
  if (hasMinutes === hasDays) problems.push(`${where} 必须且只能设置 minutes 或 workingDays 之一`);
  if (hasMinutes && !isInt(c.minutes, 1, 30 * 24 * 60))
    problems.push(`${where}.minutes 必须是 1–43200 的整数`);
  if (hasDays && !isInt(c.workingDays, 1, 30)) problems.push(`${where}.workingDays 必须是 1–30 的整数`);
  if (c.anchor !== 'detected' && c.anchor !== 'confirmed')
    problems.push(`${where}.anchor 必须是 detected 或 confirmed`);
  if (c.calendar !== undefined && c.calendar !== '24x7' && c.calendar !== 'working') {
    problems.push(`${where}.calendar 必须是 24x7 或 working`);
  }
  const steps: EscalationStep[] = [];
  if (!Array.isArray(c.steps) || c.steps.length > 10)
    problems.push(`${where}.steps 必须是最多 10 个步骤的列表`);
  else {
    c.steps.forEach((s: Record<string, unknown>, k: number) => {
      const sw = `${where}.steps[${k}]`;
      if (!isInt(s?.up, 0, 4)) problems.push(`${sw}.up 必须是 0–4 的整数（0 = 本单位，1 = 上级 …）`);
      if (!isInt(s?.delayMinutes, 0, WEEK)) problems.push(`${sw}.delayMinutes 必须是 0–${WEEK} 的整数`);
      const roles = checkRoles(s?.roles, `${sw}.roles`, problems, false);
      steps.push({ up: s?.up as number, roles, delayMinutes: s?.delayMinutes as number });
    });
  }
  if (!isInt(c.repeat, 0, 10)) problems.push(`${where}.repeat 必须是 0–10 的整数`);
  if (isInt(c.repeat, 1, 10) && !isInt(c.repeatEveryMinutes, 1, WEEK)) {
    problems.push(`${where}.repeatEveryMinutes 必须是 1–${WEEK} 的整数（repeat > 0 时）`);
  }
  if (isInt(c.repeat, 1, 10) && steps.length === 0) problems.push(`${where} 没有步骤时不能重复`);
  return {
    kind: c.kind as ClockKind,
    ...(hasMinutes ? { minutes: c.minutes as number } : {}),
    ...(hasDays ? { workingDays: c.workingDays as number } : {}),
    anchor: c.anchor as ClockPolicy['anchor'],
    ...(c.calendar !== undefined ? { calendar: c.calendar as CalendarMode } : {}),
    steps,
    repeat: c.repeat as number,
    ...(c.repeatEveryMinutes !== undefined ? { repeatEveryMinutes: c.repeatEveryMinutes as number } : {}),
  };
}

/** An edited policy, checked field by field; unknown fields are dropped. Throws PolicyValidationError. */
export function validatePolicy(input: unknown): EscalationPolicy {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new PolicyValidationError(['策略必须是 JSON 对象']);
  const p = input as Record<string, unknown>;
  if (p.calendar !== '24x7' && p.calendar !== 'working') problems.push('calendar 必须是 24x7 或 working');
  const notifyAtStart = checkRoles(p.notifyAtStart, 'notifyAtStart', problems, true);
  if (!isInt(p.missedGraceMinutes, 0, WEEK)) problems.push(`missedGraceMinutes 必须是 0–${WEEK} 的整数`);
  const clocks: ClockPolicy[] = [];
  if (!Array.isArray(p.clocks)) problems.push('clocks 必须是列表');
  else {
    p.clocks.forEach((c: unknown, i: number) => {
      if (typeof c !== 'object' || c === null) problems.push(`clocks[${i}] 必须是对象`);
      else {
        const clock = checkClock(c as Record<string, unknown>, i, problems);
        if (clock && clocks.some((x) => x.kind === clock.kind)) problems.push(`clocks 中 ${clock.kind} 重复`);
        else if (clock) clocks.push(clock);
      }
    });
  }
  if (problems.length) throw new PolicyValidationError(problems);
  return {
    calendar: p.calendar as CalendarMode,
    notifyAtStart,
    missedGraceMinutes: p.missedGraceMinutes as number,
    clocks,
  };
}
