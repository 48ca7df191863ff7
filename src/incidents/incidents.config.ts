import { toBool } from '../infrastructure/config/app.config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Max, Min } from 'class-validator';

/**
 * Incident settings: grouping window and similarity, spread thresholds that raise a grade, heat half-life, claims.
 * Validated at start-up (a bad value stops the service naming the variable). Services read the instance at call
 * time, so tests may adjust it.
 */
export class IncidentsConfig {
  /** Run the grouping tick in this instance (also needs SCHEDULER_ENABLED). */
  @Transform(toBool)
  @IsBoolean()
  INCIDENT_GROUPING_ENABLED: boolean = true;

  /** Items claimed per grouping transaction. */
  @IsInt()
  @Min(1)
  @Max(20_000)
  INCIDENT_GROUPING_BATCH: number = 1_000;

  /** An item joins an incident of its bureau whose last item is at most this old (relative to the item). */
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  INCIDENT_WINDOW_HOURS: number = 72;

  /**
   * Near-duplicate: SimHash Hamming distance at most this. The band index has 8 bands of 8 bits, which finds every
   * pair within 7 bits (pigeonhole), hence the maximum. Measured on 300-character posts: reposts with a prefix, a
   * source line and a couple of words changed are 3–10 bits apart; different stories about one bureau 15–30.
   */
  @IsInt()
  @Min(0)
  @Max(7)
  INCIDENT_SIMHASH_MAX_DISTANCE: number = 7;

  /**
   * Linked incidents: a new incident is linked to another bureau's incident of the same story when their fingerprints
   * are at most this far apart (or share a link). At most 3: the cross-bureau index has four 16-bit bands.
   */
  @IsInt()
  @Min(0)
  @Max(3)
  INCIDENT_LINK_MAX_DISTANCE: number = 3;

  /** Texts with fewer words than this are too short for a reliable fingerprint: they match within 2 bits only. */
  @IsInt()
  @Min(0)
  @Max(200)
  INCIDENT_SIMHASH_MIN_WORDS: number = 12;

  /** Distinct fingerprints remembered per incident (edited copies widen what later copies can match). */
  @IsInt()
  @Min(1)
  @Max(256)
  INCIDENT_SIMHASH_MAX_SIGNATURES: number = 48;

  // Spread thresholds (issue 5 §2). A grade is raised to the most severe grade any threshold reaches; 0 disables one.
  /** Distinct outlets (sources) for Ⅲ / Ⅱ / Ⅰ. */
  @IsInt() @Min(0) INCIDENT_GRADE_SOURCES_III: number = 10;
  @IsInt() @Min(0) INCIDENT_GRADE_SOURCES_II: number = 30;
  @IsInt() @Min(0) INCIDENT_GRADE_SOURCES_I: number = 100;
  /**
   * Distinct central-media outlets (authority tier 'central') for Ⅲ / Ⅱ / Ⅰ. One is Ⅱ: the team's labelled sets
   * grade 35 of 36 alerts from a central outlet Ⅱ or worse (rules-22); the classifier's own hint for one stays Ⅲ, so
   * this is the one place that decides.
   */
  @IsInt() @Min(0) INCIDENT_GRADE_CENTRAL_III: number = 1;
  @IsInt() @Min(0) INCIDENT_GRADE_CENTRAL_II: number = 1;
  @IsInt() @Min(0) INCIDENT_GRADE_CENTRAL_I: number = 0;
  /** Peak items in one clock hour for Ⅲ / Ⅱ / Ⅰ. */
  @IsInt() @Min(0) INCIDENT_GRADE_RATE_III: number = 20;
  @IsInt() @Min(0) INCIDENT_GRADE_RATE_II: number = 100;
  @IsInt() @Min(0) INCIDENT_GRADE_RATE_I: number = 500;

  /** Heat halves every this many hours without new items (see incident-heat.ts). */
  @IsNumber()
  @Min(0.5)
  @Max(24 * 30)
  INCIDENT_HEAT_HALF_LIFE_HOURS: number = 24;

  /** A monitor's claim on an incident lapses after this many minutes unless renewed. */
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  INCIDENT_CLAIM_MINUTES: number = 15;
}
