/**
 * Who is responsible for an incident (pure; routing-rules.spec.ts). The incident's own bureau, unless a rule says
 * otherwise: rules match by category, region-code prefix and/or source, in priority order. Most rules only place
 * incidents that have no bureau (e.g. a nationwide 电子税务局 outage → HQ's office); a rule marked as an override
 * also redirects incidents that have one. Unplaced incidents go to HQ (总局), which triages them.
 */
import type { ContactRole } from '../../organisation/organisation.types';

export const HQ_BUREAU = '00';

export interface RoutingRule {
  id: string;
  name: string;
  priority: number;
  category: string | null;
  regionPrefix: string | null;
  sourceId: string | null;
  onlyUnassigned: boolean;
  bureauCode: string;
  notifyRoles: ContactRole[] | null;
  enabled: boolean;
}

export interface RoutableIncident {
  bureauCode: string | null;
  category: string | null;
  regionCode: string | null;
  sourceIds: readonly string[];
}

export interface Route {
  bureauCode: string;
  /** 'bureau': the incident's own; 'rule': a routing rule; 'hq': nothing placed it, HQ triages. */
  via: 'bureau' | 'rule' | 'hq';
  rule: { id: string; name: string } | null;
  notifyRoles: ContactRole[] | null;
}

export function ruleMatches(rule: RoutingRule, inc: RoutableIncident): boolean {
  if (!rule.enabled) return false;
  if (rule.category !== null && rule.category !== inc.category) return false;
  if (rule.regionPrefix !== null && !(inc.regionCode ?? '').startsWith(rule.regionPrefix)) return false;
  if (rule.sourceId !== null && !inc.sourceIds.includes(rule.sourceId)) return false;
  return true;
}

export function route(inc: RoutableIncident, rules: readonly RoutingRule[]): Route {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || Number(a.id) - Number(b.id));
  const candidates = ordered.filter(
    (r) => ruleMatches(r, inc) && (inc.bureauCode === null || !r.onlyUnassigned),
  );
  const rule = candidates[0];
  if (rule)
    return {
      bureauCode: rule.bureauCode,
      via: 'rule',
      rule: { id: rule.id, name: rule.name },
      notifyRoles: rule.notifyRoles,
    };
  if (inc.bureauCode) return { bureauCode: inc.bureauCode, via: 'bureau', rule: null, notifyRoles: null };
  return { bureauCode: HQ_BUREAU, via: 'hq', rule: null, notifyRoles: null };
}
