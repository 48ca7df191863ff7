import { DueRow, planClaims } from './digest-plan';

const now = new Date('2026-11-02T01:00:00Z');
const at = (sec: number) => new Date(now.getTime() + sec * 1000);
const row = (id: string, recipient: string, sec = 0, priority = 1): DueRow => ({
  id,
  recipient,
  createdAt: at(sec),
  priority,
});
const urgent = (id: string, recipient: string, sec = 0) => row(id, recipient, sec, 3);
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

  it('sends an urgent notice at once as itself, although the recipient was mailed within the window', () => {
    const plan = planClaims(
      [row('1', 'a@x.cn', -20), urgent('2', 'a@x.cn'), row('3', 'a@x.cn', -1)],
      new Map([['a@x.cn', at(40)]]),
      now,
      opts,
    );
    expect(plan.singles).toEqual(['2']);
    expect(plan.digests).toEqual([]);
    // the urgent mail is this minute's mail: the others follow one window after it, as one digest
    expect(plan.deferred).toEqual([{ ids: ['1', '3'], until: at(60) }]);
    expect(plan.mailedRecipients).toEqual(['a@x.cn']);
  });

  it('never bundles urgent notices, with each other or with ordinary ones, even with the window open', () => {
    const plan = planClaims(
      [urgent('1', 'a@x.cn', -2), urgent('2', 'a@x.cn', -1), row('3', 'a@x.cn', -3), row('4', 'a@x.cn')],
      new Map([['a@x.cn', null]]),
      now,
      opts,
    );
    expect(plan.singles).toEqual(['1', '2']);
    expect(plan.digests).toEqual([]);
    expect(plan.deferred).toEqual([{ ids: ['3', '4'], until: at(60) }]);
  });

  it('sends urgent rows it claimed even while another sender holds the window, without touching the window', () => {
    const plan = planClaims([urgent('1', 'a@x.cn'), row('2', 'a@x.cn')], new Map(), now, opts);
    expect(plan.singles).toEqual(['1']);
    expect(plan.deferred).toEqual([]); // row 2 stays with the sender holding the window
    expect(plan.mailedRecipients).toEqual([]);
  });
});
