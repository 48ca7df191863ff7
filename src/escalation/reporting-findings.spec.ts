import {
  actorRelation,
  isConcealment,
  isLowering,
  isSuspectedConcealment,
  minutesLate,
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
  it('minutesLate', () => {
    expect(minutesLate(new Date('2026-11-02T02:30:00Z'), new Date('2026-11-02T02:42:00Z'))).toBe(12);
    expect(minutesLate(new Date('2026-11-02T02:30:00Z'), new Date('2026-11-02T02:20:00Z'))).toBe(-10);
  });
});
