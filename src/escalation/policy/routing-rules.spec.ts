import { route, RoutingRule } from './routing-rules';

const rule = (over: Partial<RoutingRule>): RoutingRule => ({
  id: '1',
  name: 'r',
  priority: 100,
  category: null,
  regionPrefix: null,
  sourceId: null,
  onlyUnassigned: true,
  bureauCode: '00',
  notifyRoles: null,
  enabled: true,
  ...over,
});

const nationwideOutage = rule({
  id: '1',
  name: '全国性系统故障',
  priority: 10,
  category: '系统故障',
  notifyRoles: ['office', 'liaison'],
});

describe('route', () => {
  it('an incident with a bureau stays with it', () => {
    expect(
      route({ bureauCode: '440106', category: '系统故障', regionCode: '440106', sourceIds: [] }, [
        nationwideOutage,
      ]),
    ).toEqual({
      bureauCode: '440106',
      via: 'bureau',
      rule: null,
      notifyRoles: null,
    });
  });

  it('a nationwide e-tax outage (no bureau) goes to HQ office by rule', () => {
    const r = route({ bureauCode: null, category: '系统故障', regionCode: null, sourceIds: [] }, [
      nationwideOutage,
    ]);
    expect(r).toEqual({
      bureauCode: '00',
      via: 'rule',
      rule: { id: '1', name: '全国性系统故障' },
      notifyRoles: ['office', 'liaison'],
    });
  });

  it('by region prefix and by source, in priority order', () => {
    const rules = [
      rule({ id: '2', priority: 50, regionPrefix: '4401', bureauCode: '4401' }),
      rule({ id: '3', priority: 20, sourceId: '77', bureauCode: '44' }),
      rule({ id: '4', priority: 50, regionPrefix: '44', bureauCode: '44' }),
    ];
    expect(
      route({ bureauCode: null, category: '其他', regionCode: '440106', sourceIds: [] }, rules).bureauCode,
    ).toBe('4401');
    expect(
      route({ bureauCode: null, category: '其他', regionCode: '440106', sourceIds: ['77'] }, rules)
        .bureauCode,
    ).toBe('44');
    expect(
      route({ bureauCode: null, category: '其他', regionCode: '450100', sourceIds: [] }, rules),
    ).toMatchObject({ bureauCode: '00', via: 'hq' });
  });

  it('an override rule redirects even an assigned incident; disabled rules never match', () => {
    const override = rule({ id: '5', category: '廉政问题', onlyUnassigned: false, bureauCode: '44' });
    const inc = { bureauCode: '440106', category: '廉政问题', regionCode: '440106', sourceIds: [] };
    expect(route(inc, [override])).toMatchObject({ bureauCode: '44', via: 'rule' });
    expect(route(inc, [{ ...override, enabled: false }])).toMatchObject({
      bureauCode: '440106',
      via: 'bureau',
    });
  });

  it('ties on priority go to the older rule', () => {
    const rules = [
      rule({ id: '9', regionPrefix: '44', bureauCode: '4401' }),
      rule({ id: '8', regionPrefix: '44', bureauCode: '44' }),
    ];
    expect(
      route({ bureauCode: null, category: null, regionCode: '440000', sourceIds: [] }, rules).bureauCode,
    ).toBe('44');
  });
});
