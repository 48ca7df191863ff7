import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EmailTone } from '../../notifications/email-layout';
import type { ActionKind, SubjectKind } from '../escalation.types';

/** What an escalation mail and page say about a subject (contracts.md "Escalation"). */
export interface SubjectDescription {
  title: string;
  bureauCode: string;
  /** Trusted email markup (built with emailHtml / email-blocks), shown under the mail's headline. */
  summaryHtml: string;
  summaryText: string;
  /** Absolute URL of the subject's console page. */
  consoleUrl: string;
  /** A short label before the title in subjects and headlines, e.g. 'Ⅱ级 重大舆情'. */
  label?: string;
  tone?: EmailTone;
}

/** One line of a subject's audit trail written by the engine (for incidents: incident_events). */
export interface SubjectEvent {
  subjectId: string;
  at: Date;
  action: string;
  after?: unknown;
  comment?: string | null;
  /** Who did it, when a person did (a link holder's request); otherwise the caller's label (the engine: 系统). */
  actorLabel?: string;
}

/**
 * Engine events as the JSON that `jsonb_to_recordset($1) AS e(subject_id bigint, at timestamptz, action text,
 * after jsonb, comment text)` reads: one shape for every subject's recordEvents.
 */
export function subjectEventsJson(events: readonly SubjectEvent[]): string {
  return JSON.stringify(
    events.map((e) => ({
      subject_id: e.subjectId,
      at: e.at,
      action: e.action,
      after: e.after ?? null,
      comment: e.comment ?? null,
    })),
  );
}

export interface ClockSubjectHandler {
  describe(em: EntityManager, subjectId: string): Promise<SubjectDescription>;
  /** Batch form for the engine (one query per batch instead of per clock); optional. Missing ids: subject gone. */
  describeMany?(em: EntityManager, subjectIds: string[]): Promise<Map<string, SubjectDescription>>;
  /** A resolved subject's clocks are cancelled instead of escalated. */
  isResolved?(em: EntityManager, subjectId: string): Promise<boolean>;
  /** Batch form of isResolved for the engine; optional. */
  resolvedMany?(em: EntityManager, subjectIds: string[]): Promise<Set<string>>;
  /** Signed links offered to the responsible unit in its mails (default none). */
  actions?: readonly ActionKind[];
  /** Writes the engine's events (step fired, deadline missed) into the subject's own timeline; optional. */
  recordEvents?(em: EntityManager, events: SubjectEvent[]): Promise<void>;
  /**
   * Locks the subjects the engine is about to act on without waiting (FOR KEY SHARE SKIP LOCKED) and returns those
   * it got: a subject being changed right now is left for the next tick instead of deadlocking with the change.
   */
  lockForEngine?(em: EntityManager, subjectIds: string[]): Promise<Set<string>>;
}

/** The registry of subject kinds the engine can drive; 'incident' is registered by EscalationModule itself. */
@Injectable()
export class ClockSubjects {
  private readonly handlers = new Map<string, ClockSubjectHandler>();

  register(kind: SubjectKind, handler: ClockSubjectHandler): void {
    this.handlers.set(kind, handler);
  }

  get(kind: string): ClockSubjectHandler {
    const h = this.handlers.get(kind);
    if (!h) throw new Error(`no clock subject handler registered for '${kind}'`);
    return h;
  }

  has(kind: string): boolean {
    return this.handlers.has(kind);
  }

  async resolvedMany(em: EntityManager, kind: string, ids: string[]): Promise<Set<string>> {
    const h = this.get(kind);
    if (h.resolvedMany) return h.resolvedMany(em, ids);
    const out = new Set<string>();
    if (h.isResolved) for (const id of ids) if (await h.isResolved(em, id)) out.add(id);
    return out;
  }

  async describeMany(
    em: EntityManager,
    kind: string,
    ids: string[],
  ): Promise<Map<string, SubjectDescription>> {
    const h = this.get(kind);
    if (h.describeMany) return h.describeMany(em, ids);
    const out = new Map<string, SubjectDescription>();
    for (const id of ids) out.set(id, await h.describe(em, id));
    return out;
  }
}
