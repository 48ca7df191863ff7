/**
 * Heat (热度): how hot an incident is, from its spread and the authority of who carries it, fading over time.
 *
 *   heat(t_ref) = Σ_items w(tier) · 2^(−(t_ref − seen)/H)  +  2 · distinctSources  +  5 · centralSources
 *   heat(t)     = heat(t_ref) · 2^(−(t − t_ref)/H)            for t ≥ t_ref
 *
 * where t_ref is the incident's last_seen_at, H the half-life (INCIDENT_HEAT_HALF_LIFE_HOURS, default 24 h) and
 * w(tier) = central 10, provincial 5, local 3, social 1, forum 1 — an article in central media counts like ten posts,
 * as in 人民网's opinion index which weights news above posts. Items are counted per clock hour (their midpoint), which
 * is what the aggregate query returns; the error is at most half an hour of decay.
 *
 * Because every term decays at the same rate after t_ref, the ORDER of incidents by heat never changes while no
 * items arrive. So the queue sorts by a time-invariant key, heat_rank = log2(heat(t_ref)) + t_ref/H (hours), which is
 * written only when items arrive: no periodic rewrite of a million rows, and heat(now) = 2^(heat_rank − now/H).
 */
import type { AuthorityTier } from '../incident.types';

export const TIER_WEIGHT: Record<AuthorityTier, number> = {
  central: 10,
  provincial: 5,
  local: 3,
  social: 1,
  forum: 1,
};
export const SOURCE_TERM = 2;
export const CENTRAL_TERM = 5;

const HOUR_MS = 3_600_000;

export interface HeatBucket {
  tier: AuthorityTier;
  /** Start of the clock hour. */
  hour: Date;
  count: number;
}

export interface HeatInput {
  buckets: readonly HeatBucket[];
  distinctSources: number;
  centralSources: number;
  lastSeenAt: Date;
}

export function heatAt(input: HeatInput, halfLifeHours: number): number {
  const ref = input.lastSeenAt.getTime();
  let sum = 0;
  for (const b of input.buckets) {
    const mid = Math.min(b.hour.getTime() + HOUR_MS / 2, ref);
    sum += b.count * (TIER_WEIGHT[b.tier] ?? 1) * Math.pow(2, -(ref - mid) / HOUR_MS / halfLifeHours);
  }
  return sum + SOURCE_TERM * input.distinctSources + CENTRAL_TERM * input.centralSources;
}

/** The sort key: equal order to heat(now) for any common now. */
export function heatRank(heat: number, lastSeenAt: Date, halfLifeHours: number): number {
  return Math.log2(Math.max(heat, 1e-9)) + lastSeenAt.getTime() / HOUR_MS / halfLifeHours;
}

/** Heat as of `now` from the stored value at last_seen_at. */
export function heatNow(heat: number, lastSeenAt: Date, now: Date, halfLifeHours: number): number {
  const ageHours = Math.max(0, now.getTime() - lastSeenAt.getTime()) / HOUR_MS;
  return heat * Math.pow(2, -ageHours / halfLifeHours);
}
