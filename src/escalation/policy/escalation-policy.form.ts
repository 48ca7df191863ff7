/**
 * The Chinese policy form (issue 13): a policy as form fields and back, with every mistake named by its field in
 * Chinese. Pure (escalation-policy.form.spec.ts). validatePolicy stays the one rule book; this only translates.
 *
 * Field names follow the urlencoded body as Express (qs) parses it: `clocks[acknowledge][steps][0][roles][]`.
 */
import { CONTACT_ROLE_LABELS, CONTACT_ROLES, ContactRole } from '../../organisation/organisation.types';
import { PolicyKey, PolicyValidationError, validatePolicy } from './escalation-policy';
import {
  CLOCK_KIND_LABELS,
  CLOCK_KINDS,
  ClockKind,
  ClockPolicy,
  EscalationPolicy,
} from '../escalation.types';

export interface StepFields {
  up: string;
  delayMinutes: string;
  roles: string[];
}

export interface ClockFields {
  on: boolean;
  length: string;
  unit: 'minutes' | 'workingDays';
  anchor: string;
  /** '' = the policy's calendar. */
  calendar: string;
  repeat: string;
  repeatEveryMinutes: string;
  steps: StepFields[];
}

export interface PolicyForm {
  calendar: string;
  notifyAtStart: string[];
  missedGraceMinutes: string;
  clocks: Partial<Record<ClockKind, ClockFields>>;
}

export interface FieldError {
  /** The input's name, so the page marks the field. */
  field: string;
  message: string;
}

/** Blank step rows offered under the existing ones, so a step is added without script. */
export const SPARE_STEPS = 2;
export const MAX_STEPS = 10;
const WEEK = 7 * 24 * 60;

/** The clocks a policy key may have: the incident clocks for a grade, the one explanation clock otherwise. */
export function clockKindsOf(key: PolicyKey): ClockKind[] {
  return key === 'explanation' ? ['explanation'] : CLOCK_KINDS.filter((k) => k !== 'explanation');
}

export function policyToForm(key: PolicyKey, p: EscalationPolicy): PolicyForm {
  const clocks: PolicyForm['clocks'] = {};
  for (const kind of clockKindsOf(key)) {
    const c = p.clocks.find((x) => x.kind === kind);
    clocks[kind] = {
      on: !!c,
      length: String(c ? (c.workingDays ?? c.minutes ?? '') : ''),
      unit: c?.workingDays ? 'workingDays' : 'minutes',
      anchor: c?.anchor ?? 'detected',
      calendar: c?.calendar ?? '',
      repeat: String(c?.repeat ?? 0),
      repeatEveryMinutes: c?.repeatEveryMinutes !== undefined ? String(c.repeatEveryMinutes) : '',
      steps: (c?.steps ?? []).map((s) => ({
        up: String(s.up),
        delayMinutes: String(s.delayMinutes),
        roles: [...s.roles],
      })),
    };
  }
  return {
    calendar: p.calendar,
    notifyAtStart: [...p.notifyAtStart],
    missedGraceMinutes: String(p.missedGraceMinutes),
    clocks,
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 20) : '');
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The posted body as form fields (whatever was typed, for showing it again); never throws. */
export function readPolicyForm(key: PolicyKey, body: unknown): PolicyForm {
  const b = obj(body);
  const posted = obj(b.clocks);
  const clocks: PolicyForm['clocks'] = {};
  for (const kind of clockKindsOf(key)) {
    const c = obj(posted[kind]);
    // qs gives `steps[0]…` as an array, or as an object when indices are sparse or many
    const steps = Array.isArray(c.steps) ? Object.fromEntries(c.steps.entries()) : obj(c.steps);
    clocks[kind] = {
      on: c.on === '1',
      length: text(c.length),
      unit: c.unit === 'workingDays' ? 'workingDays' : 'minutes',
      anchor: text(c.anchor),
      calendar: text(c.calendar),
      repeat: text(c.repeat),
      repeatEveryMinutes: text(c.repeatEveryMinutes),
      steps: Array.from({ length: MAX_STEPS }, (_, i) => obj(steps[String(i)]))
        .map((s) => ({ up: text(s.up), delayMinutes: text(s.delayMinutes), roles: list(s.roles) }))
        // a row without roles is an unused spare row
        .filter((s) => s.roles.length > 0),
    };
  }
  return {
    calendar: text(b.calendar),
    notifyAtStart: list(b.notifyAtStart),
    missedGraceMinutes: text(b.missedGraceMinutes),
    clocks,
  };
}

function int(v: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

function roles(v: string[]): ContactRole[] | null {
  return v.every((r) => (CONTACT_ROLES as string[]).includes(r)) ? [...new Set(v as ContactRole[])] : null;
}

/** The form as a policy, or the errors, each naming its field in Chinese. */
export function parsePolicyForm(
  key: PolicyKey,
  f: PolicyForm,
): { policy: EscalationPolicy | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  if (f.calendar !== '24x7' && f.calendar !== 'working')
    err('calendar', '计时方式：请选择“全天候”或“工作时间”');
  const notify = roles(f.notifyAtStart);
  if (!notify) err('notifyAtStart', '启动时通知：角色无效');
  const grace = int(f.missedGraceMinutes, 0, WEEK);
  if (grace === null) err('missedGraceMinutes', `漏报认定宽限：请填写 0–${WEEK} 之间的整数（分钟）`);

  const clocks: ClockPolicy[] = [];
  for (const kind of clockKindsOf(key)) {
    const c = f.clocks[kind];
    if (!c?.on) continue;
    const label = `${CLOCK_KIND_LABELS[kind]}时限`;
    const name = (field: string) => `clocks[${kind}][${field}]`;
    const days = c.unit === 'workingDays';
    const length = days ? int(c.length, 1, 30) : int(c.length, 1, 30 * 24 * 60);
    if (length === null)
      err(name('length'), `${label} · 时长：请填写 ${days ? '1–30 个工作日' : '1–43200 分钟'}之间的整数`);
    if (c.anchor !== 'detected' && c.anchor !== 'confirmed')
      err(name('anchor'), `${label} · 起算：请选择“自发现起”或“自确认起”`);
    if (c.calendar !== '' && c.calendar !== '24x7' && c.calendar !== 'working')
      err(name('calendar'), `${label} · 计时方式：选项无效`);
    const repeat = int(c.repeat || '0', 0, 10);
    if (repeat === null) err(name('repeat'), `${label} · 重复提醒次数：请填写 0–10 之间的整数`);
    const every = c.repeatEveryMinutes ? int(c.repeatEveryMinutes, 1, WEEK) : null;
    if (repeat && every === null)
      err(name('repeatEveryMinutes'), `${label} · 重复间隔：设置了重复提醒时请填写 1–${WEEK} 分钟`);
    if (repeat && c.steps.length === 0) err(name('repeat'), `${label} · 重复提醒：没有提醒步骤时不能重复`);
    const steps = c.steps.map((s, i) => {
      const sn = (field: string) => `clocks[${kind}][steps][${i}][${field}]`;
      const up = int(s.up, 0, 4);
      if (up === null) err(sn('up'), `${label} · 第 ${i + 1} 步 · 通知单位：请选择本单位或上 1–4 级`);
      const delay = int(s.delayMinutes, 0, WEEK);
      if (delay === null)
        err(sn('delayMinutes'), `${label} · 第 ${i + 1} 步 · 延迟：请填写 0–${WEEK} 之间的整数（分钟）`);
      const r = roles(s.roles);
      if (!r) err(sn('roles'), `${label} · 第 ${i + 1} 步 · 通知角色：角色无效`);
      return { up: up ?? 0, delayMinutes: delay ?? 0, roles: r ?? [] };
    });
    clocks.push({
      kind,
      ...(days ? { workingDays: length ?? 1 } : { minutes: length ?? 1 }),
      anchor: c.anchor as ClockPolicy['anchor'],
      ...(c.calendar ? { calendar: c.calendar as ClockPolicy['calendar'] } : {}),
      steps,
      repeat: repeat ?? 0,
      ...(repeat && every !== null ? { repeatEveryMinutes: every } : {}),
    });
  }
  if (errors.length) return { policy: null, errors };
  try {
    const policy = validatePolicy({
      calendar: f.calendar,
      notifyAtStart: notify,
      missedGraceMinutes: grace,
      clocks,
    });
    return { policy, errors };
  } catch (e) {
    // The form checks what validatePolicy checks; this only catches a rule added there and not here.
    if (!(e instanceof PolicyValidationError)) throw e;
    return { policy: null, errors: e.problems.map((m) => ({ field: '', message: m })) };
  }
}

export const ROLE_OPTIONS = CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS[r] }));
