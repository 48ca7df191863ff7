import { Action, Holder, PERMISSIONS } from './permissions';
import { authorize, can, commonPath, decide, HQ_PATH, NATIONAL, roleMay, Subject } from './policy';

/**
 * Every action, once per role: S = within its subtree, U = its own unit only, - = never. A change to
 * permissions.ts must change this grid too (the grid is the reviewed statement of who may do what).
 */
// columns: admin, hq_analyst, monitor, head, link
const GRID: Record<Action, string> = {
  'overview.view': 'S S S S -',
  'incident.view': 'S S S S -',
  'incident.confirm': 'S - S - -',
  'incident.dismiss': 'S - S - -',
  'incident.acknowledge': 'S - S S S',
  'incident.report': 'S - S S S',
  'incident.respond': 'S - S S -',
  'incident.close': 'S - S S -',
  'incident.reopen': 'S - S S -',
  'incident.regrade': 'S - S - -',
  'incident.recategorise': 'S - S - -',
  'incident.reassign': 'S - S - -',
  'incident.merge': 'S - S - -',
  'incident.split': 'S - S - -',
  'incident.claim': 'S - S - -',
  'incident.comment': 'S S S S -',
  'incident.request_review': '- - - - S',
  'escalation.view': 'S S S S -',
  'extension.request': '- - - - S',
  'extension.decide': 'S - - S -',
  'explanation.answer': 'S - - U -',
  'routing.edit': 'S - - - -',
  'routing.view': 'S - S - -',
  'policy.view': 'S S S S -',
  'policy.edit': 'S - - - -',
  'escalation.simulate': 'S - S S -',
  'contacts.view': 'S S S S -',
  'bureau.view': 'S S S S -',
  'contacts.edit': 'S - - - -',
  'user.manage': 'S - - - -',
  'token.manage': 'S - - - -',
  'mail.transport_view': 'S - - - -',
  'source.view': 'S S S - -',
  'source.manage': 'S - - - -',
  'item.push': 'S - S - -',
  'statistics.view': 'S S S S -',
  'bulletin.publish': 'S S - - -',
  'briefing.view': 'S S S S -',
  'briefing.subscribe': 'S S S - -',
  'special_report.write': 'S S S S -',
  'supervision.open': 'S S S S -',
  'supervision.view': 'S S S S -',
  'supervision.answer': 'S U U U -',
};
const HOLDERS: Holder[] = ['admin', 'hq_analyst', 'monitor', 'head', 'link'];

const GD = '00.44.';
const own: Subject = { bureauPath: GD };
const below: Subject = { bureauPath: '00.44.4401.440106.' };
const otherProvince: Subject = { bureauPath: '00.33.' };
const shenzhen: Subject = { bureauPath: '00.4403.' }; // reports to HQ directly, not to Guangdong

describe('authorization policy: every action once per role', () => {
  it('the grid names every action of the table, and nothing else', () => {
    expect(Object.keys(GRID).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const [action, row] of Object.entries(GRID) as [Action, string][]) {
    const cells = row.trim().split(/\s+/);
    HOLDERS.forEach((role, i) => {
      const cell = cells[i];
      it(`${action} · ${role}: ${cell === '-' ? 'never' : cell === 'U' ? 'its own unit only' : 'within its subtree'}`, () => {
        const provincial = { role, bureauPath: GD };
        const hq = { role, bureauPath: '00.' };
        if (cell === '-') {
          for (const s of [own, below, NATIONAL]) {
            expect(decide(provincial, action, s)).toBe('role');
            expect(decide(hq, action, s)).toBe('role');
          }
          expect(roleMay(role, action)).toBe(false);
          return;
        }
        expect(roleMay(role, action)).toBe(true);
        expect(can(provincial, action, own)).toBe(true);
        expect(decide(provincial, action, otherProvince)).toBe('reach');
        expect(decide(provincial, action, shenzhen)).toBe('reach');
        expect(decide(provincial, action, NATIONAL)).toBe('reach'); // national settings, unassigned incidents
        if (cell === 'S') {
          expect(can(provincial, action, below)).toBe(true);
          expect(can(hq, action, otherProvince)).toBe(true);
          expect(can(hq, action, NATIONAL)).toBe(true);
        } else {
          expect(decide(provincial, action, below)).toBe('reach');
          expect(decide(hq, action, otherProvince)).toBe('reach');
        }
      });
    });
  }
});

describe('authorization policy: refusals and owners', () => {
  it('throws 403 with AUTH_ROLE_FORBIDDEN for the role and AUTH_OUT_OF_SCOPE for the reach', () => {
    const head = { role: 'head' as const, bureauPath: GD };
    expect(() => authorize(head, 'incident.dismiss', own)).toThrow(
      expect.objectContaining({
        kind: 'forbidden',
        code: 'AUTH_ROLE_FORBIDDEN',
        message: expect.stringContaining('排除事件'),
      }),
    );
    const admin = { role: 'admin' as const, bureauPath: GD };
    expect(() => authorize(admin, 'policy.edit', NATIONAL)).toThrow(
      expect.objectContaining({ code: 'AUTH_OUT_OF_SCOPE', message: expect.stringContaining('总局') }),
    );
    expect(() => authorize(admin, 'extension.decide', otherProvince)).toThrow(
      expect.objectContaining({ code: 'AUTH_OUT_OF_SCOPE' }),
    );
    expect(() => authorize(admin, 'extension.decide', below)).not.toThrow();
  });

  it('user.manage: a provincial admin gives no scope above or beside its own, and monitors manage no one', () => {
    const admin = { role: 'admin' as const, bureauPath: GD };
    expect(can(admin, 'user.manage', below)).toBe(true);
    expect(decide(admin, 'user.manage', { bureauPath: HQ_PATH })).toBe('reach'); // an HQ-scoped user
    expect(decide(admin, 'user.manage', otherProvince)).toBe('reach');
    expect(decide(admin, 'user.manage', shenzhen)).toBe('reach');
    expect(() => authorize({ role: 'monitor', bureauPath: '00.' }, 'user.manage', below)).toThrow(
      expect.objectContaining({ code: 'AUTH_ROLE_FORBIDDEN', message: expect.stringContaining('管理用户') }),
    );
  });

  it('commonPath: the deepest bureau above all of them', () => {
    expect(commonPath(['00.44.4401.', '00.44.4401.440106.'])).toBe('00.44.4401.');
    expect(commonPath(['00.44.4401.', '00.44.4402.'])).toBe('00.44.');
    expect(commonPath(['00.44.', '00.4403.'])).toBe('00.');
    expect(commonPath(['00.44.440.', '00.44.4401.'])).toBe('00.44.'); // by segment, not by character
    expect(commonPath([])).toBeNull();
  });
});
