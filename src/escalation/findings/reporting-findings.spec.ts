import {
  actorRelation,
  isConcealment,
  isLowering,
  isSuspectedConcealment,
  minutesLateLabel,
  secondsLate,
  undoesLowering,
} from './reporting-findings';

const county = '00.44.4401.440106.';

describe('actorRelation', () => {
  it.each([
    [{ isSystem: true, bureauPath: null }, 'system'],
    [{ isSystem: false, bureauPath: county }, 'unit'],
    [{ isSystem: false, bureauPath: `${county}` + '44010601.' }, 'unit'],
    [{ isSystem: false, bureauPath: '00.44.4401.' }, 'superior'],
    [{ isSystem: false, bureauPath: '00.' }, 'superior'],
    [{ isSystem: false, bureauPath: '00.44.4401.440104.' }, 'other'],
    [{ isSystem: false, bureauPath: null }, 'other'],
  ] as const)('%j → %s', (actor, expected) => expect(actorRelation(actor, county)).toBe(expected));
});

describe('isConcealment', () => {
  it('only what the unit played down and a superior or the spread reversed', () => {
    expect(isConcealment('unit', 'superior')).toBe(true);
    expect(isConcealment('unit', 'system')).toBe(true);
    expect(isConcealment('unit', 'unit')).toBe(false); // the unit correcting itself
    expect(isConcealment('superior', 'superior')).toBe(false); // HQ changed its mind
    expect(isConcealment('other', 'system')).toBe(false);
  });
});

describe('isSuspectedConcealment', () => {
  it('only the unit dismissing its own confirmed incident', () => {
    expect(isSuspectedConcealment('unit')).toBe(true);
    expect(isSuspectedConcealment('superior')).toBe(false);
    expect(isSuspectedConcealment('other')).toBe(false);
    expect(isSuspectedConcealment('system')).toBe(false);
  });
});

describe('grades', () => {
  it('lowering and undoing it', () => {
    expect(isLowering('II', 'III')).toBe(true);
    expect(isLowering('III', 'II')).toBe(false);
    expect(undoesLowering('III', 'II')).toBe(true);
    expect(undoesLowering('III', 'III')).toBe(false);
  });
  it('lateness: any positive delay, to the second', () => {
    const due = new Date('2026-11-02T02:30:00Z');
    const at = (ms: number) => new Date(due.getTime() + ms);
    expect(secondsLate(due, at(12 * 60_000))).toBe(720);
    expect(secondsLate(due, at(20_000))).toBe(20); // once rounded to 0 minutes: not a 迟报
    expect(secondsLate(due, at(1_000))).toBe(1);
    expect(secondsLate(due, at(400))).toBe(0); // within the deadline's own second
    expect(secondsLate(due, at(-10 * 60_000))).toBe(-600);
    expect(minutesLateLabel(20)).toBe(1);
    expect(minutesLateLabel(1200)).toBe(20);
    expect(minutesLateLabel(-5)).toBe(0);
  });
});
