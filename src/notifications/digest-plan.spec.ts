import { DueRow, planClaims } from './digest-plan';

const now = new Date('2026-11-02T01:00:00Z');
const at = (sec: number) => new Date(now.getTime() + sec * 1000);
const row = (id: string, recipient: string, sec = 0): DueRow => ({ id, recipient, createdAt: at(sec) });
const opts = { windowMs: 60_000, maxDigestItems: 50 };

describe('planClaims', () => {
  it('sends a lone notice as itself and starts the recipient window', () => {
    const plan = planClaims([row('1', 'a@x.cn')], new Map([['a@x.cn', null]]), now, opts);
    expect(plan).toEqual({ singles: ['1'], digests: [], deferred: [], mailedRecipients: ['a@x.cn'] });
  });

  it('bundles several due notices for one recipient into one digest, in created order, others unaffected', () => {
    const rows = [
      row('5', 'a@x.cn', -1),
      row('3', 'a@x.cn', -5),
      row('4', 'b@x.cn'),
      row('10', 'a@x.cn', -1),
    ];
    const plan = planClaims(
      rows,
      new Map([
        ['a@x.cn', null],
        ['b@x.cn', at(-1)],
      ]),
      now,
      opts,
    );
    expect(plan.digests).toEqual([{ recipient: 'a@x.cn', memberIds: ['3', '5', '10'] }]);
    expect(plan.singles).toEqual(['4']);
    expect(plan.deferred).toEqual([]);
    expect(plan.mailedRecipients.sort()).toEqual(['a@x.cn', 'b@x.cn']);
  });

  it('defers notices for a recipient mailed within the window until the window ends', () => {
    const plan = planClaims(
      [row('1', 'a@x.cn'), row('2', 'a@x.cn')],
      new Map([['a@x.cn', at(40)]]),
      now,
      opts,
    );
    expect(plan.singles).toEqual([]);
    expect(plan.digests).toEqual([]);
    expect(plan.deferred).toEqual([{ ids: ['1', '2'], until: at(40) }]);
    expect(plan.mailedRecipients).toEqual([]);
  });

  it('leaves recipients another sender holds alone', () => {
    const plan = planClaims([row('1', 'a@x.cn'), row('2', 'b@x.cn')], new Map([['b@x.cn', null]]), now, opts);
    expect(plan.singles).toEqual(['2']);
    expect(plan.deferred).toEqual([]);
  });

  it('caps a digest and defers the rest to the next window', () => {
    const rows = Array.from({ length: 5 }, (_, i) => row(String(i + 1), 'a@x.cn', i));
    const plan = planClaims(rows, new Map([['a@x.cn', null]]), now, { windowMs: 60_000, maxDigestItems: 3 });
    expect(plan.digests).toEqual([{ recipient: 'a@x.cn', memberIds: ['1', '2', '3'] }]);
    expect(plan.deferred).toEqual([{ ids: ['4', '5'], until: at(60) }]);
  });

  it('with the window off, sends everything on its own', () => {
    const plan = planClaims([row('1', 'a@x.cn'), row('2', 'a@x.cn')], new Map(), now, {
      windowMs: 0,
      maxDigestItems: 50,
    });
    expect(plan.singles).toEqual(['1', '2']);
    expect(plan.digests).toEqual([]);
  });
});
