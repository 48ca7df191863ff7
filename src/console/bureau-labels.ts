import type { BureauLevel } from '../organisation/bureau-catalog';

export const LEVEL_LABELS: Record<BureauLevel, string> = {
  national: '总局',
  provincial: '省级',
  prefecture: '地市级',
  county: '县区级',
};

export const BUREAU_LEVELS = Object.keys(LEVEL_LABELS) as BureauLevel[];

export function isBureauLevel(v: unknown): v is BureauLevel {
  return typeof v === 'string' && Object.hasOwn(LEVEL_LABELS, v);
}

/** Bureau codes are 2, 4 or 6 digits; anything else in a URL is ignored rather than sent to the database. */
export function isBureauCode(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9]{2,6}$/.test(v);
}

export function bureauHref(code: string): string {
  return `/console/bureaus/${encodeURIComponent(code)}`;
}

/** The label used in trees and breadcrumbs: short names, except HQ, which everyone calls 国家税务总局. */
export function bureauLabel(b: { level: BureauLevel; name: string; shortName: string }): string {
  return b.level === 'national' ? b.name : b.shortName;
}
