import type { EntityManager } from 'typeorm';
import { incidentNotFound } from './incident.errors';
import type { Actor, IncidentSnapshot } from './incident.types';

/** Columns of an IncidentSnapshot; `t` is the table alias. */
export function snapshotColumns(t = 'incidents'): string {
  return `${t}.id::text AS "id", ${t}.bureau_code AS "bureauCode", ${t}.bureau_path AS "bureauPath", ${t}.region_code AS "regionCode",
    ${t}.category, ${t}.secondary_categories AS "secondaryCategories", ${t}.grade, ${t}.evidence_grade AS "evidenceGrade", ${t}.status, ${t}.title,
    ${t}.summary, ${t}.first_seen_at AS "firstSeenAt", ${t}.last_seen_at AS "lastSeenAt",
    ${t}.detected_at AS "detectedAt", ${t}.published_at AS "publishedAt", ${t}.item_count AS "itemCount", ${t}.source_count AS "sourceCount",
    ${t}.max_authority_tier AS "maxAuthorityTier", ${t}.heat, ${t}.version, ${t}.auto_confirmed AS "autoConfirmed",
    ${t}.confirmed_at AS "confirmedAt", ${t}.acknowledged_at AS "acknowledgedAt", ${t}.reported_at AS "reportedAt",
    ${t}.responded_at AS "respondedAt", ${t}.closed_at AS "closedAt", ${t}.dismissed_at AS "dismissedAt",
    ${t}.dismiss_reason AS "dismissReason", ${t}.dismiss_comment AS "dismissComment",
    ${t}.claimed_by::text AS "claimedBy", ${t}.claim_expires_at AS "claimExpiresAt",
    ${t}.link_group_id::text AS "linkGroupId", ${t}.merged_into_id::text AS "mergedIntoId",
    ${t}.simhash::text AS "simhash", ${t}.created_at AS "createdAt", ${t}.updated_at AS "updatedAt"`;
}

export async function loadSnapshot(
  em: EntityManager,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<IncidentSnapshot> {
  if (!/^[0-9]{1,18}$/.test(id)) throw incidentNotFound(id);
  const [row] = await em.query(
    `SELECT ${snapshotColumns()} FROM incidents WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!row) throw incidentNotFound(id);
  return row;
}

export async function loadSnapshots(
  em: EntityManager,
  ids: readonly string[],
): Promise<Map<string, IncidentSnapshot>> {
  if (ids.length === 0) return new Map();
  const rows: IncidentSnapshot[] = await em.query(
    `SELECT ${snapshotColumns()} FROM incidents WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Writes `patch` (column → value) and bumps the version: every change a person could act on (status, grade,
 * category, bureau, claim, merge) is a new version, so an action based on what someone saw before gets a 409.
 */
export async function updateIncident(
  em: EntityManager,
  id: string,
  patch: Record<string, unknown>,
  now: Date,
): Promise<IncidentSnapshot> {
  const cols = Object.keys(patch);
  const sets = cols.map((c, i) => `${c} = $${i + 3}`);
  const [rows] = await em.query(
    `UPDATE incidents SET ${[...sets, 'version = version + 1', 'updated_at = $2'].join(', ')}
     WHERE id = $1 RETURNING ${snapshotColumns()}`,
    [id, now, ...cols.map((c) => patch[c])],
  );
  return rows[0];
}

/**
 * The bureau an incident belongs to, and the keys that group later reposts into it (they follow the incident).
 * `versioned` false: the move is part of a change that is versioned already (placement by a routing rule inside the
 * confirmation's transaction), so a person who saw the confirmed incident is not refused for it.
 */
export async function moveToBureau(
  em: EntityManager,
  id: string,
  bureauCode: string | null,
  now: Date,
  versioned = true,
): Promise<IncidentSnapshot> {
  const after = versioned
    ? await updateIncident(em, id, { bureau_code: bureauCode }, now)
    : await loadSnapshotAfter(em, `UPDATE incidents SET bureau_code = $2, updated_at = $3 WHERE id = $1`, [
        id,
        bureauCode,
        now,
      ]);
  for (const table of ['incident_simhash_bands', 'incident_links'])
    await em.query(`UPDATE ${table} SET bureau_key = $2 WHERE incident_id = $1`, [id, bureauCode ?? '']);
  return after;
}

async function loadSnapshotAfter(
  em: EntityManager,
  sql: string,
  params: unknown[],
): Promise<IncidentSnapshot> {
  const [rows] = await em.query(`${sql} RETURNING ${snapshotColumns()}`, params);
  return rows[0];
}

export interface NewEvent {
  incidentId: string;
  at: Date;
  actor: Actor;
  action: string;
  before?: unknown;
  after?: unknown;
  comment?: string | null;
}

/** Appends to the audit timeline (append-only: the database refuses UPDATE and DELETE). */
export async function appendEvents(em: EntityManager, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await em.query(
    `INSERT INTO incident_events (incident_id, at, actor_user_id, actor_label, action, before, after, comment)
     SELECT e.incident_id, e.at, e.actor_user_id, e.actor_label, e.action, e.before, e.after, e.comment
     FROM jsonb_to_recordset($1::jsonb) AS e(incident_id bigint, at timestamptz, actor_user_id bigint,
       actor_label text, action text, before jsonb, after jsonb, comment text)`,
    [
      JSON.stringify(
        events.map((e) => ({
          incident_id: e.incidentId,
          at: e.at.toISOString(),
          actor_user_id: e.actor.userId,
          actor_label: e.actor.label.slice(0, 300),
          action: e.action,
          before: e.before ?? null,
          after: e.after ?? null,
          comment: e.comment ?? null,
        })),
      ),
    ],
  );
}
