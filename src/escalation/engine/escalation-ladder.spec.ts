import { advance, pendingStep, plannedSteps, stepTime } from './escalation-ladder';
import {
  clockPolicy,
  defaultPolicy,
  PolicyValidationError,
  validatePolicy,
} from '../policy/escalation-policy';
import type { ClockPolicy } from '../escalation.types';

const add = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const t0 = new Date('2026-11-02T02:00:00Z');
const min = (d: Date) => (d.getTime() - t0.getTime()) / 60_000;

describe('escalation ladder', () => {
  const ack = clockPolicy(defaultPolicy('II'), 'acknowledge')!;
  const due = add(t0, 15);

  it('Ⅱ acknowledgement: deputies/office at the deadline, then city, province, HQ every 15 min, one repeat', () => {
    const first = stepTime(ack, { stepIndex: 0, repeatCount: 0 }, due, null, add)!;
    const plan = plannedSteps(ack, { stepIndex: 0, repeatCount: 0 }, due, first, add);
    expect(plan.map((p) => [min(p.at), p.stepNo, p.repeat, p.step.up, p.step.roles.join('+')])).toEqual([
      [15, 0, 0, 0, 'deputy+office'],
      [30, 1, 0, 1, 'head+liaison'],
      [45, 2, 0, 2, 'head+liaison'],
      [60, 3, 0, 3, 'head+liaison'],
      [75, 3, 1, 3, 'head+liaison'],
    ]);
  });

  it('advance walks the steps, then the repeats, then stops', () => {
    let s = { stepIndex: 0, repeatCount: 0 };
    const seen: string[] = [];
    for (let p = pendingStep(ack, s); p; p = pendingStep(ack, s)) {
      seen.push(`${p.stepNo}/${p.repeat}`);
      s = advance(ack, s);
    }
    expect(seen).toEqual(['0/0', '1/0', '2/0', '3/0', '3/1']);
    expect(stepTime(ack, s, due, add(t0, 75), add)).toBeNull();
  });

  it('a ladder without steps has nothing pending', () => {
    const bare: ClockPolicy = { kind: 'response', minutes: 60, anchor: 'detected', steps: [], repeat: 0 };
    expect(pendingStep(bare, { stepIndex: 0, repeatCount: 0 })).toBeNull();
    expect(stepTime(bare, { stepIndex: 0, repeatCount: 0 }, due, null, add)).toBeNull();
  });

  it('the first step counts from the deadline, later ones from the previous planned step', () => {
    const c: ClockPolicy = {
      kind: 'first_report',
      minutes: 30,
      anchor: 'detected',
      steps: [
        { up: 0, roles: ['head'], delayMinutes: 5 },
        { up: 1, roles: ['head'], delayMinutes: 10 },
      ],
      repeat: 2,
      repeatEveryMinutes: 20,
    };
    const d = add(t0, 30);
    const plan = plannedSteps(
      c,
      { stepIndex: 0, repeatCount: 0 },
      d,
      stepTime(c, { stepIndex: 0, repeatCount: 0 }, d, null, add),
      add,
    );
    expect(plan.map((p) => min(p.at))).toEqual([35, 45, 65, 85]);
  });
});

describe('default policies', () => {
  it('follow DOMAIN.md', () => {
    const ii = defaultPolicy('II');
    expect(ii.calendar).toBe('24x7');
    expect(ii.notifyAtStart).toEqual(['head', 'liaison']);
    expect(ii.clocks.map((c) => [c.kind, c.minutes])).toEqual([
      ['acknowledge', 15],
      ['first_report', 30],
      ['written_report', 60],
      ['response', 300],
      ['response_followup', 1440],
    ]);
    const iii = defaultPolicy('III');
    expect(iii.calendar).toBe('working');
    expect(iii.clocks.map((c) => [c.kind, c.minutes ?? `${c.workingDays}d`])).toEqual([
      ['acknowledge', 60],
      ['first_report', 120],
      ['response', '2d'],
    ]);
    const iv = defaultPolicy('IV');
    expect(iv.clocks.map((c) => [c.kind, c.workingDays])).toEqual([['acknowledge', 1]]);
  });

  it('every default passes validation unchanged', () => {
    for (const key of ['I', 'II', 'III', 'IV', 'explanation'] as const) {
      expect(validatePolicy(JSON.parse(JSON.stringify(defaultPolicy(key))))).toEqual(defaultPolicy(key));
    }
  });
});

describe('validatePolicy', () => {
  it('lists every problem', () => {
    try {
      validatePolicy({
        calendar: 'sometimes',
        notifyAtStart: ['boss'],
        missedGraceMinutes: -1,
        clocks: [
          { kind: 'acknowledge', minutes: 15, workingDays: 1, anchor: 'detected', steps: [], repeat: 0 },
          { kind: 'nap', minutes: 1 },
          {
            kind: 'first_report',
            minutes: 30,
            anchor: 'x',
            steps: [{ up: 9, roles: [], delayMinutes: 0.5 }],
            repeat: 2,
          },
        ],
      });
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyValidationError);
      const problems = (e as PolicyValidationError).problems.join('\n');
      for (const fragment of [
        'calendar',
        'notifyAtStart',
        'missedGraceMinutes',
        'clocks[0] 必须且只能',
        'clocks[1].kind',
        'clocks[2].anchor',
        'clocks[2].steps[0].up',
        'clocks[2].steps[0].delayMinutes',
        'clocks[2].steps[0].roles',
        'clocks[2].repeatEveryMinutes',
      ]) {
        expect(problems).toContain(fragment);
      }
    }
  });

  it('refuses duplicate clock kinds and non-objects', () => {
    const c = { kind: 'acknowledge', minutes: 15, anchor: 'confirmed', steps: [], repeat: 0 };
    expect(() =>
      validatePolicy({ calendar: '24x7', notifyAtStart: [], missedGraceMinutes: 0, clocks: [c, c] }),
    ).toThrow('重复');
    expect(() => validatePolicy([])).toThrow(PolicyValidationError);
  });
});
