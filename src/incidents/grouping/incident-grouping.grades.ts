import type { EntityManager } from 'typeorm';
import type { IncidentFigures } from '../assessment/incident-aggregates';
import { CreatedIncident, finishCreated } from './incident-creation';
import { automaticGrade } from '../assessment/incident-grade';
import type { IncidentListeners } from '../incident-listeners';
import type { NewEvent } from '../incident.repository';
import { IncidentSnapshot, SYSTEM_ACTOR } from '../incident.types';
import type { IncidentsConfig } from '../incidents.config';
import type { IncidentsService } from '../incidents.service';

/**
 * The grouper's last step for every incident a batch touched: new incidents get their creation grade (and are
 * confirmed at Ⅰ/Ⅱ); existing ones get an items_added event and, when the evidence grew beyond what it was, an
 * automatic raise (incident-grade.ts). Returns the events still to be written.
 */
export async function settleGrades(
  em: EntityManager,
  incidents: IncidentsService,
  listeners: IncidentListeners,
  config: IncidentsConfig,
  batch: {
    touched: string[];
    createdIds: Set<string>;
    figures: Map<string, IncidentFigures>;
    before: Map<string, IncidentSnapshot>;
    addedTo: Map<string, number>;
    now: Date;
  },
): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  const created: CreatedIncident[] = [];
  const evidence: { id: string; grade: string }[] = [];
  for (const id of batch.touched) {
    const f = batch.figures.get(id)!;
    const inc = batch.before.get(id)!;
    const auto = automaticGrade(null, f.hint, f, config);
    if (batch.createdIds.has(id)) {
      created.push({
        id,
        ...auto,
        itemCount: f.itemCount,
        sourceCount: f.distinctSources,
        extra: { linkGroupId: inc.linkGroupId },
      });
      continue;
    }
    events.push({
      incidentId: id,
      at: batch.now,
      actor: SYSTEM_ACTOR,
      action: 'items_added',
      after: { added: batch.addedTo.get(id), itemCount: f.itemCount, sourceCount: f.distinctSources },
    });
    // Only stronger evidence raises: a grade a person lowered stays until hints or spread go beyond what they were.
    if (auto.grade >= inc.evidenceGrade) continue;
    evidence.push({ id, grade: auto.grade });
    if (auto.grade < inc.grade) {
      await incidents.regrade(id, auto.grade, SYSTEM_ACTOR, {
        em,
        automatic: true,
        reason: `传播升级：${auto.because}`,
      });
    }
  }
  if (evidence.length) {
    await em.query(
      `UPDATE incidents i SET evidence_grade = e.grade FROM jsonb_to_recordset($1::jsonb) AS e(id bigint, grade text)
       WHERE i.id = e.id`,
      [JSON.stringify(evidence)],
    );
  }
  await finishCreated(em, listeners, created, batch.now);
  return events;
}
