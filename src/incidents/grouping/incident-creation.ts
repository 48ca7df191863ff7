import type { EntityManager } from 'typeorm';
import { searchTokens } from './incident-text';
import { IncidentListeners } from '../incident-listeners';
import { appendEvents, loadSnapshots, NewEvent } from '../incident.repository';
import { Actor, Grade, GRADE_LABELS, SYSTEM_ACTOR } from '../incident.types';

export interface NewIncidentRow {
  id: string;
  bureauCode: string | null;
  regionCode: string | null;
  category: string | null;
  secondaryCategories: string[];
  title: string;
  text: string;
  seenAt: Date;
  simhash: string | null;
  linkGroupId?: string | null;
}

/** Inserts incidents (ids allocated beforehand) in one statement; aggregates and grade are set afterwards. */
export async function insertIncidents(em: EntityManager, rows: NewIncidentRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const data = rows.map((r) => {
    const text = r.text.replace(/\s+/g, ' ').trim();
    const title = (r.title.trim() || text.slice(0, 60) || '（无标题）').slice(0, 300);
    const summary = text.slice(0, 300) || null;
    return {
      id: r.id,
      bureau_code: r.bureauCode,
      region_code: r.regionCode,
      category: r.category,
      secondary: r.secondaryCategories.filter((c) => c !== r.category),
      title,
      summary,
      words: searchTokens(`${title}\n${summary ?? ''}`),
      seen: r.seenAt,
      simhash: r.simhash,
      link_group_id: r.linkGroupId ?? null,
    };
  });
  await em.query(
    `INSERT INTO incidents (id, bureau_code, region_code, category, secondary_categories, grade, status, title, summary,
                            search_vector, first_seen_at, last_seen_at, detected_at, simhash, link_group_id,
                            created_at, updated_at)
     SELECT d.id, d.bureau_code, d.region_code, d.category, coalesce(d.secondary, '{}'), 'IV', 'new', d.title, d.summary,
            array_to_tsvector(coalesce(d.words, '{}')), d.seen, d.seen, $2, d.simhash, d.link_group_id, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS d(id bigint, bureau_code text, region_code text, category text,
          secondary text[], title text, summary text, words text[], seen timestamptz, simhash bigint, link_group_id bigint)`,
    [JSON.stringify(data), now],
  );
}

export interface CreatedIncident {
  id: string;
  grade: Grade;
  because: string | null;
  itemCount: number;
  sourceCount: number;
  extra?: object;
  actor?: Actor;
}

/**
 * Gives just-created incidents their creation grade and, at Ⅰ/Ⅱ, confirms them at once (issue 5 §7: treated as
 * confirmed and handed to escalation; they may be dismissed later). One statement for the rows, one for the
 * 'created' (and 'confirm') events, then the listeners for the confirmed ones — all in the caller's transaction.
 */
export async function finishCreated(
  em: EntityManager,
  listeners: IncidentListeners,
  created: CreatedIncident[],
  now: Date,
): Promise<void> {
  if (created.length === 0) return;
  const urgent = (c: CreatedIncident) => c.grade === 'I' || c.grade === 'II';
  await em.query(
    `UPDATE incidents i SET grade = c.grade, evidence_grade = c.grade, status = CASE WHEN c.urgent THEN 'confirmed' ELSE 'new' END,
            auto_confirmed = c.urgent, confirmed_at = CASE WHEN c.urgent THEN $2::timestamptz END
     FROM jsonb_to_recordset($1::jsonb) AS c(id bigint, grade text, urgent boolean)
     WHERE i.id = c.id`,
    [JSON.stringify(created.map((c) => ({ id: c.id, grade: c.grade, urgent: urgent(c) }))), now],
  );
  const events: NewEvent[] = [];
  for (const c of created) {
    events.push({
      incidentId: c.id,
      at: now,
      actor: c.actor ?? SYSTEM_ACTOR,
      action: 'created',
      after: {
        grade: c.grade,
        status: 'new',
        itemCount: c.itemCount,
        sourceCount: c.sourceCount,
        ...c.extra,
      },
      comment: c.because ? `${GRADE_LABELS[c.grade]}（${c.because}）` : null,
    });
    if (urgent(c)) {
      events.push({
        incidentId: c.id,
        at: now,
        actor: SYSTEM_ACTOR,
        action: 'confirm',
        before: { status: 'new' },
        after: { status: 'confirmed', automatic: true },
        comment: `创建时即为${GRADE_LABELS[c.grade]}，自动确认`,
      });
    }
  }
  await appendEvents(em, events);
  const confirmed = created.filter(urgent).map((c) => c.id);
  const snaps = await loadSnapshots(em, confirmed);
  for (const id of confirmed)
    await listeners.statusChanged(em, snaps.get(id)!, 'new', 'confirmed', SYSTEM_ACTOR);
}
