import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/roles';
import { Clock } from '../../infrastructure/clock/clock';
import { contactVisibility, maskContacts, recordedEmails } from '../../organisation/contact-visibility';
import { heatNow } from '../assessment/incident-heat';
import { loadSnapshot } from '../incident.repository';
import { assertCanSee, canSee, offeredActions } from './incident-scope';
import { PendingReview, pendingReview } from '../triage/incident-review';
import { IncidentSnapshot, TransitionAction } from '../incident.types';
import { IncidentsConfig } from '../incidents.config';

export interface IncidentItemView {
  id: string;
  ingestedAt: Date;
  publishedAt: Date | null;
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  sourceName: string;
  authorityTier: string;
  category: string | null;
  gradeHint: string | null;
  /** Classifier evidence; start/end index `title + '\n' + text` (UTF-16 code units). */
  reasons: { rule: string; term: string; start: number; end: number }[];
}

export interface IncidentEventView {
  id: string;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  comment: string | null;
}

export interface IncidentDetail extends IncidentSnapshot {
  bureauName: string | null;
  heatNow: number;
  claimedByName: string | null;
  claimActive: boolean;
  /** What the status allows next and this principal may do (src/auth/policy). */
  allowedActions: TransitionAction[];
  items: IncidentItemView[];
  /** Items shown (the newest ITEM_LIMIT) of itemCount. */
  itemsShown: number;
  spread: { hour: Date; tier: string; count: number }[];
  timeline: IncidentEventView[];
  linked: {
    id: string;
    bureauCode: string | null;
    bureauName: string | null;
    status: string;
    grade: string;
  }[];
  mergedFrom: { id: string; title: string }[];
  /** A head's 申请复核 not answered yet (read from the timeline, incident-review.ts). */
  pendingReview: PendingReview | null;
}

export const ITEM_LIMIT = 500;

/** One incident with its articles (and their evidence), spread per hour, timeline, linked and merged incidents. */
@Injectable()
export class IncidentDetailService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: IncidentsConfig,
  ) {}

  async get(p: Principal, id: string): Promise<IncidentDetail> {
    const inc = await loadSnapshot(this.db.manager, id);
    assertCanSee(p, inc);
    const now = this.clock.now();
    const [[meta], items, spread, timeline, linked, mergedFrom] = await Promise.all([
      this.db.query(
        `SELECT b.name AS "bureauName", u.display_name AS "claimedByName"
         FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code LEFT JOIN users u ON u.id = i.claimed_by
         WHERE i.id = $1`,
        [id],
      ),
      this.db.query(
        `SELECT * FROM (
           SELECT it.id::text AS id, it.ingested_at AS "ingestedAt", it.published_at AS "publishedAt", it.url, it.title,
                  it.content_text AS text, it.author, s.name AS "sourceName", s.authority_tier AS "authorityTier",
                  it.category, it.grade_hint AS "gradeHint", coalesce(it.reasons, '[]'::jsonb) AS reasons
           FROM items it JOIN sources s ON s.id = it.source_id
           WHERE it.incident_id = $1 ORDER BY it.ingested_at DESC, it.id DESC LIMIT ${ITEM_LIMIT}) x
         ORDER BY "ingestedAt", id::bigint`,
        [id],
      ),
      this.db.query(
        `SELECT date_trunc('hour', it.ingested_at) AS hour, s.authority_tier AS tier, count(*)::int AS count
         FROM items it JOIN sources s ON s.id = it.source_id WHERE it.incident_id = $1 GROUP BY 1, 2 ORDER BY 1`,
        [id],
      ),
      this.db.query(
        `SELECT id::text, at, actor_user_id::text AS "actorUserId", actor_label AS "actorLabel", action, before, after, comment
         FROM incident_events WHERE incident_id = $1 ORDER BY id`,
        [id],
      ),
      inc.linkGroupId
        ? this.db.query(
            `SELECT i.id::text, i.bureau_code AS "bureauCode", i.bureau_path AS "bureauPath", b.name AS "bureauName",
                    i.status, i.grade
             FROM incidents i LEFT JOIN bureaus b ON b.code = i.bureau_code
             WHERE i.link_group_id = $1 AND i.id <> $2 AND i.merged_into_id IS NULL ORDER BY i.id`,
            [inc.linkGroupId, id],
          )
        : [],
      this.db.query(`SELECT id::text, title FROM incidents WHERE merged_into_id = $1 ORDER BY id`, [id]),
    ]);
    // Events record who was mailed; people above or beside the viewer's reach stay unnamed (contacts.view).
    const events = timeline as IncidentEventView[];
    const visible = await contactVisibility(
      this.db.manager,
      p,
      events.flatMap((e) => recordedEmails([e.before, e.after])),
    );
    const shown = events.map((e) => ({
      ...e,
      before: maskContacts(e.before, visible),
      after: maskContacts(e.after, visible),
    }));
    const claimActive = !!inc.claimedBy && inc.claimExpiresAt! > now;
    return {
      ...inc,
      bureauName: meta?.bureauName ?? null,
      heatNow:
        Math.round(heatNow(inc.heat, inc.lastSeenAt, now, this.config.INCIDENT_HEAT_HALF_LIFE_HOURS) * 10) /
        10,
      claimedByName: claimActive ? (meta?.claimedByName ?? null) : null,
      claimActive,
      allowedActions: inc.mergedIntoId ? [] : offeredActions(p, inc),
      items,
      itemsShown: items.length,
      spread,
      timeline: shown,
      // Other bureaus' incidents of the same story are listed only where the principal may see them.
      linked: (linked as ({ bureauPath: string | null } & IncidentDetail['linked'][number])[])
        .filter((l) => canSee(p, l))
        .map(({ bureauPath: _bp, ...l }) => l),
      mergedFrom,
      pendingReview: pendingReview(shown),
    };
  }
}
