import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor, Grade, IncidentSnapshot, IncidentStatus } from './incident.types';

/**
 * The hand-off seam (contracts.md "Incidents"): routing/escalation register a listener in their onModuleInit.
 * Every hook is awaited INSIDE the transaction of the change, so what a listener writes (escalation clocks, outbox
 * rows) commits or rolls back with the change itself; a listener that throws aborts the change.
 */
export interface IncidentListener {
  /** A confirmation: by a person, or automatic for an incident created at Ⅰ/Ⅱ. Exactly once per confirmation. */
  onConfirmed?(em: EntityManager, incident: IncidentSnapshot, actor: Actor): Promise<void> | void;
  /** `data`: what the transition was recorded with (a 上报's form: report-form.ts), when anything. */
  onStatusChanged?(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: IncidentStatus,
    to: IncidentStatus,
    actor: Actor,
    data?: object,
  ): Promise<void> | void;
  onGradeChanged?(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: Grade,
    to: Grade,
    actor: Actor,
  ): Promise<void> | void;
  onBureauChanged?(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: string | null,
    to: string | null,
    actor: Actor,
  ): Promise<void> | void;
}

@Injectable()
export class IncidentListeners {
  private readonly listeners: IncidentListener[] = [];

  register(listener: IncidentListener): void {
    this.listeners.push(listener);
  }

  async confirmed(em: EntityManager, incident: IncidentSnapshot, actor: Actor): Promise<void> {
    for (const l of this.listeners) await l.onConfirmed?.(em, incident, actor);
  }

  async statusChanged(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: IncidentStatus,
    to: IncidentStatus,
    actor: Actor,
    data?: object,
  ) {
    for (const l of this.listeners) await l.onStatusChanged?.(em, incident, from, to, actor, data);
    if (to === 'confirmed') await this.confirmed(em, incident, actor);
  }

  async gradeChanged(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: Grade,
    to: Grade,
    actor: Actor,
  ): Promise<void> {
    for (const l of this.listeners) await l.onGradeChanged?.(em, incident, from, to, actor);
  }

  async bureauChanged(
    em: EntityManager,
    incident: IncidentSnapshot,
    from: string | null,
    to: string | null,
    actor: Actor,
  ) {
    for (const l of this.listeners) await l.onBureauChanged?.(em, incident, from, to, actor);
  }
}
