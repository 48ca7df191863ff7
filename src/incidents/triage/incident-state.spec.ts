import { IncidentError } from '../incident.errors';
import { ACTIONS, allowedActions, nextStatus, transitionTable, validateDismissal } from './incident-state';
import { STATUSES, IncidentStatus, TransitionAction } from '../incident.types';

const manual = { autoConfirmed: false };
const auto = { autoConfirmed: true };

function refusal(fn: () => unknown): IncidentError {
  try {
    fn();
  } catch (e) {
    return e as IncidentError;
  }
  throw new Error('expected a refusal');
}

describe('incident state machine', () => {
  const allowed: [IncidentStatus, TransitionAction, IncidentStatus][] = [
    ['new', 'confirm', 'confirmed'],
    ['new', 'dismiss', 'dismissed'],
    ['confirmed', 'acknowledge', 'acknowledged'],
    ['acknowledged', 'report', 'reported'],
    ['reported', 'respond', 'responded'],
    ['responded', 'close', 'closed'],
    ['closed', 'reopen', 'reopened'],
    ['dismissed', 'confirm', 'confirmed'],
    ['reopened', 'respond', 'responded'],
    ['reopened', 'close', 'closed'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action, manual)).toBe(to);
  });

  it('refuses every other (status, action) pair with 409 INCIDENT_INVALID_TRANSITION', () => {
    let refused = 0;
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        if (allowed.some(([f, a]) => f === from && a === action)) continue;
        const e = refusal(() => nextStatus(from, action, manual));
        expect(e.kind).toBe('conflict');
        expect(e.code).toBe('INCIDENT_INVALID_TRANSITION');
        refused++;
      }
    }
    expect(refused).toBe(STATUSES.length * ACTIONS.length - allowed.length);
  });

  it('lets an automatically confirmed incident (created at Ⅰ/Ⅱ) be dismissed, never a manually confirmed one', () => {
    expect(nextStatus('confirmed', 'dismiss', auto)).toBe('dismissed');
    const e = refusal(() => nextStatus('confirmed', 'dismiss', manual));
    expect(e.code).toBe('INCIDENT_INVALID_TRANSITION');
    expect(e.message).toMatch(/人工确认/);
    expect(allowedActions('confirmed', auto)).toEqual(['dismiss', 'acknowledge']);
    expect(allowedActions('confirmed', manual)).toEqual(['acknowledge']);
  });

  it('refuses an unknown action with 400 and names the allowed ones in a 409', () => {
    const unknown = refusal(() => nextStatus('new', 'approve', manual));
    expect(unknown.kind).toBe('invalid');
    expect(unknown.code).toBe('INCIDENT_UNKNOWN_ACTION');
    const wrong = refusal(() => nextStatus('new', 'close', manual));
    expect(wrong.message).toContain('待研判');
    expect(wrong.details).toEqual({ from: 'new', action: 'close', allowed: ['confirm', 'dismiss'] });
  });

  it('has exactly the documented edges', () => {
    expect(
      transitionTable()
        .map((e) => `${e.from}:${e.action}:${e.to}`)
        .sort(),
    ).toEqual([...allowed.map(([f, a, t]) => `${f}:${a}:${t}`), 'confirmed:dismiss:dismissed'].sort());
  });
});

describe('dismissal reasons', () => {
  it('accepts the four reasons and requires a text for 其他', () => {
    expect(validateDismissal({ reason: '误报' })).toEqual({ reason: '误报', comment: null });
    expect(validateDismissal({ reason: '非本单位', comment: ' 属于浙江 ' })).toEqual({
      reason: '非本单位',
      comment: '属于浙江',
    });
    expect(validateDismissal({ reason: '其他', comment: '测试数据' }).reason).toBe('其他');
    for (const bad of [
      {},
      { reason: '' },
      { reason: 'spam' },
      { reason: '其他' },
      { reason: '其他', comment: '  ' },
    ]) {
      const e = refusal(() => validateDismissal(bad));
      expect(e.kind).toBe('invalid');
      expect(e.code).toBe('INCIDENT_DISMISS_REASON_REQUIRED');
    }
  });
});
