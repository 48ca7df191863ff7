import type { EntityManager } from 'typeorm';
import { GRADES, type Grade } from '../classification/classification.types';

// Grades and categories are the classifier's (contracts.md "Classification output"), re-exported for incidents.
export { CATEGORIES, GRADES, type Category, type Grade } from '../classification/classification.types';

export const STATUSES = [
  'new',
  'confirmed',
  'dismissed',
  'acknowledged',
  'reported',
  'responded',
  'closed',
  'reopened',
] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  new: '待研判',
  confirmed: '已确认',
  dismissed: '已排除',
  acknowledged: '已签收',
  reported: '已上报',
  responded: '已回应',
  closed: '已办结',
  reopened: '回头看',
};

export const GRADE_LABELS: Record<Grade, string> = {
  I: 'Ⅰ级 特别重大',
  II: 'Ⅱ级 重大',
  III: 'Ⅲ级 较大',
  IV: 'Ⅳ级 一般',
};

export const DISMISS_REASONS = ['误报', '非本单位', '重复', '其他'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

// Source authority tiers belong to the sources module; re-exported for the incident code that ranks by them.
import type { AuthorityTier } from '../sources/source.types';
export { AUTHORITY_TIERS, TIER_LABELS } from '../sources/source.types';
export type { AuthorityTier };

/** Who did something: a user, or the system ('系统'), or someone acting through a signed link (userId null). */
export interface Actor {
  userId: string | null;
  label: string;
  bureauCode?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: '系统' };

/** An `incidents` row as a camelCase object (contracts.md "Incidents"). Ids and bigints are strings. */
export interface IncidentSnapshot {
  id: string;
  bureauCode: string | null;
  /** bureaus.path of bureauCode ('00.44.4403.'), for scope checks; null when unassigned. */
  bureauPath: string | null;
  regionCode: string | null;
  category: string | null;
  secondaryCategories: string[];
  grade: Grade;
  /** Most severe grade item hints and spread have reached (automatic raises follow this, see incident-grade.ts). */
  evidenceGrade: Grade;
  status: IncidentStatus;
  title: string;
  summary: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  detectedAt: Date;
  /** Earliest publication time its items report (null when none reports one); counts use it, clocks do not. */
  publishedAt: Date | null;
  itemCount: number;
  sourceCount: number;
  maxAuthorityTier: AuthorityTier | null;
  heat: number;
  version: number;
  autoConfirmed: boolean;
  confirmedAt: Date | null;
  acknowledgedAt: Date | null;
  reportedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  dismissedAt: Date | null;
  dismissReason: DismissReason | null;
  dismissComment: string | null;
  claimedBy: string | null;
  claimExpiresAt: Date | null;
  linkGroupId: string | null;
  mergedIntoId: string | null;
  simhash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type TransitionAction =
  'confirm' | 'dismiss' | 'acknowledge' | 'report' | 'respond' | 'close' | 'reopen';

export interface TransitionOptions {
  expectedVersion?: number;
  reason?: string;
  comment?: string;
  data?: object;
  em?: EntityManager;
}

export interface RegradeOptions {
  reason?: string;
  expectedVersion?: number;
  em?: EntityManager;
  /** Set by the grouper: may only raise, needs no reason. */
  automatic?: boolean;
}

/** Grades compare as text: 'I' < 'II' < 'III' < 'IV', so the smaller string is the more severe grade. */
export function moreSevere(a: Grade, b: Grade): Grade {
  return a < b ? a : b;
}

export function isGrade(v: unknown): v is Grade {
  return typeof v === 'string' && (GRADES as readonly string[]).includes(v);
}
