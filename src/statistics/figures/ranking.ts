/**
 * The composite score and ranking of peer units (provinces among the 36 provincial-level bureaus incl. the five
 * 计划单列市; cities within one province) — the ONLY place the formula lives. Pure; see ranking.spec.ts.
 *
 * Size of a unit: its population when EVERY peer has one (bureaus.population), otherwise the number of county-level
 * bureaus under it (at least 1) for every peer — mixing the two would compare per-person with per-county figures.
 *
 * Components, each 0–100 (higher is better):
 *   volume      = 100 × (1 − v / v_max), v = negative-opinion incidents ÷ size; v_max = 0 → 100. A unit without
 *                 incidents gets the best volume score, 100.
 *   timeliness  = 100 × mean of the unit's on-time rates that exist (签收/上报/回应); none exists (no clock judged,
 *                 e.g. no incidents) → the component is absent ("—"), never 0% or 100%.
 *   failures    = 100 × (1 − f / f_max), f = (late·p_late + missed·p_missed + concealed·p_concealed) ÷ size;
 *                 f_max = 0 → 100.
 * score = Σ weight·component ÷ Σ weight over the components present, rounded to 2 decimals (so equal inputs tie
 * exactly). Weights and failure points are settings (StatisticsConfig).
 *
 * Rank: competition ranking on the score (1, 2, 2, 4): tied units share the best rank of their group. Display order
 * within a tie: bureau code ascending (stable and neutral; the shared rank is what counts).
 * Rank change = last month's rank − this month's rank (positive = moved up); null when not ranked last month, and
 * for everyone when there is no last month to compare with (the caller passes null when the previous month had no
 * incident, clock or finding in scope at all — the first month of monitoring), so no rise is flagged then either.
 * Flags:
 *   bottom — fewer than N peers (default 3) score strictly lower, so a tie straddling the boundary flags the whole
 *            tie; never a unit ranked 1st (when every unit ties, nobody is at the bottom).
 *   rise   — negative opinion up by more than X% (default 20%) on last month; from 0 last month, when this month
 *            has at least `riseFromZeroMin` incidents (default 3; a percentage of zero is undefined).
 */

export interface RankingWeights {
  volume: number;
  timeliness: number;
  failures: number;
}

export interface RankingSettings {
  weights: RankingWeights;
  failurePoints: { late: number; missed: number; concealed: number };
  bottomN: number;
  risePercent: number;
  riseFromZeroMin: number;
}

export const DEFAULT_RANKING_SETTINGS: RankingSettings = {
  weights: { volume: 40, timeliness: 40, failures: 20 },
  failurePoints: { late: 1, missed: 2, concealed: 3 },
  bottomN: 3,
  risePercent: 20,
  riseFromZeroMin: 3,
};

export interface RankingInput {
  code: string;
  name: string;
  incidents: number;
  population: number | null;
  counties: number;
  /** On-time rates (0..1) or null where no clock was judged. */
  rates: (number | null)[];
  failures: { late: number; missed: number; concealed: number };
}

export interface RankedUnit {
  code: string;
  name: string;
  incidents: number;
  previousIncidents: number | null;
  size: number;
  volumePerSize: number;
  volumeScore: number;
  timelinessScore: number | null;
  failureScore: number;
  score: number;
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  flags: { bottom: boolean; rise: boolean };
  /** Change of incidents on last month as a ratio (0.5 = +50%); null when last month had none. */
  change: number | null;
}

export interface RankingResult {
  sizeBasis: 'population' | 'counties';
  settings: RankingSettings;
  /** In display order: rank, then code. */
  units: RankedUnit[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function sizes(units: readonly RankingInput[]): {
  basis: 'population' | 'counties';
  of: (u: RankingInput) => number;
} {
  const allPopulation = units.length > 0 && units.every((u) => u.population !== null && u.population > 0);
  return allPopulation
    ? { basis: 'population', of: (u) => u.population! }
    : { basis: 'counties', of: (u) => Math.max(1, u.counties) };
}

/** A unit's scores for one month, before last month's figures are compared. */
interface Scored extends Pick<
  RankedUnit,
  'size' | 'volumePerSize' | 'volumeScore' | 'timelinessScore' | 'failureScore' | 'score' | 'rank'
> {
  input: RankingInput;
}

function score(
  units: readonly RankingInput[],
  s: RankingSettings,
): { basis: RankingResult['sizeBasis']; scored: Scored[] } {
  const { basis, of } = sizes(units);
  const p = s.failurePoints;
  const rows = units.map((u) => {
    const size = of(u);
    const rates = u.rates.filter((r): r is number => r !== null);
    return {
      input: u,
      size,
      v: u.incidents / size,
      f:
        (u.failures.late * p.late + u.failures.missed * p.missed + u.failures.concealed * p.concealed) / size,
      timeliness: rates.length ? (100 * rates.reduce((a, b) => a + b, 0)) / rates.length : null,
    };
  });
  const vMax = Math.max(0, ...rows.map((r) => r.v));
  const fMax = Math.max(0, ...rows.map((r) => r.f));
  const w = s.weights;
  const scored = rows.map((r) => {
    const volumeScore = vMax === 0 ? 100 : 100 * (1 - r.v / vMax);
    const failureScore = fMax === 0 ? 100 : 100 * (1 - r.f / fMax);
    const parts: [number, number | null][] = [
      [w.volume, volumeScore],
      [w.timeliness, r.timeliness],
      [w.failures, failureScore],
    ];
    const present = parts.filter((x): x is [number, number] => x[1] !== null && x[0] > 0);
    const weight = present.reduce((a, [wt]) => a + wt, 0);
    const total = weight === 0 ? 100 : present.reduce((a, [wt, v]) => a + wt * v, 0) / weight;
    return {
      input: r.input,
      size: r.size,
      volumePerSize: r.v,
      volumeScore: round2(volumeScore),
      timelinessScore: r.timeliness === null ? null : round2(r.timeliness),
      failureScore: round2(failureScore),
      score: round2(total),
      rank: 0,
    };
  });
  scored.sort((a, b) => b.score - a.score || (a.input.code < b.input.code ? -1 : 1));
  scored.forEach((x, i) => (x.rank = i > 0 && x.score === scored[i - 1].score ? scored[i - 1].rank : i + 1));
  return { basis, scored };
}

/**
 * Ranks `current` (this month's peers); `previous` are the same peers last month (for rank change and the rise
 * flag), or null when there is no previous month to compare with.
 */
export function rankUnits(
  current: readonly RankingInput[],
  previous: readonly RankingInput[] | null = null,
  settings: RankingSettings = DEFAULT_RANKING_SETTINGS,
): RankingResult {
  const { basis, scored } = score(current, settings);
  const prev = previous ? score(previous, settings).scored : [];
  const prevByCode = new Map(prev.map((x) => [x.input.code, x]));
  const units = scored.map((x): RankedUnit => {
    const before = previous ? prevByCode.get(x.input.code) : undefined;
    const lower = scored.filter((y) => y.score < x.score).length;
    const prevIncidents = before ? before.input.incidents : null;
    const change = prevIncidents ? (x.input.incidents - prevIncidents) / prevIncidents : null;
    const rise =
      prevIncidents === null
        ? false
        : prevIncidents > 0
          ? (x.input.incidents - prevIncidents) * 100 > settings.risePercent * prevIncidents // exact, no float
          : x.input.incidents >= settings.riseFromZeroMin;
    return {
      code: x.input.code,
      name: x.input.name,
      incidents: x.input.incidents,
      previousIncidents: prevIncidents,
      size: x.size,
      volumePerSize: x.volumePerSize,
      volumeScore: x.volumeScore,
      timelinessScore: x.timelinessScore,
      failureScore: x.failureScore,
      score: x.score,
      rank: x.rank,
      previousRank: before ? before.rank : null,
      rankChange: before ? before.rank - x.rank : null,
      flags: { bottom: x.rank > 1 && lower < settings.bottomN, rise },
      change: prevIncidents ? change : null,
    };
  });
  return { sizeBasis: basis, settings, units };
}
