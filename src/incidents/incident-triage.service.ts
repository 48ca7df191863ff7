import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Action } from '../auth/policy/permissions';
import type { Principal } from '../auth/roles';
import type {
  CommentDto,
  DismissDto,
  MergeDto,
  ReassignDto,
  RecategoriseDto,
  RegradeDto,
  SplitDto,
  TransitionDto,
  VersionedDto,
} from './incident.dto';
import { incidentNotFound } from './incident.errors';
import { loadSnapshot } from './incident.repository';
import { actorOf, assertMay, transitionAction } from './incident-scope';
import { IncidentEditsService } from './incident-edits.service';
import { IncidentMergeService } from './incident-merge.service';
import { Grade, IncidentSnapshot, TransitionAction } from './incident.types';
import { IncidentsService } from './incidents.service';

/**
 * What a logged-in person may do to incidents: the same operations as IncidentsService, each inside one transaction
 * that first checks, on the locked row, the action's rule (src/auth/policy): the incident lies in the principal's
 * bureau subtree and the role may do this (403 otherwise). Every route and page that changes an incident comes here,
 * so `/transition` with action=dismiss is refused exactly as `/dismiss` and the console are.
 */
@Injectable()
export class IncidentTriageService {
  constructor(
    private readonly db: DataSource,
    private readonly incidents: IncidentsService,
    private readonly merges: IncidentMergeService,
    private readonly edits: IncidentEditsService,
  ) {}

  private scoped<T>(
    p: Principal,
    action: Action,
    ids: string[],
    fn: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    for (const id of ids) if (!/^[0-9]{1,18}$/.test(id)) throw incidentNotFound(id);
    return this.db.transaction(async (em) => {
      for (const id of [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) {
        assertMay(p, action, await loadSnapshot(em, id, { lock: true }));
      }
      return fn(em);
    });
  }

  transition(p: Principal, id: string, action: TransitionAction, dto: VersionedDto & { reason?: string }) {
    return this.scoped(p, transitionAction(action), [id], (em) =>
      this.incidents.transition(id, action, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        reason: dto.reason,
        comment: dto.comment,
      }),
    );
  }

  confirm(p: Principal, id: string, dto: VersionedDto) {
    return this.transition(p, id, 'confirm', dto);
  }

  dismiss(p: Principal, id: string, dto: DismissDto) {
    return this.transition(p, id, 'dismiss', dto);
  }

  generic(p: Principal, id: string, dto: TransitionDto) {
    return this.transition(p, id, dto.action, dto);
  }

  regrade(p: Principal, id: string, dto: RegradeDto) {
    return this.scoped(p, 'incident.regrade', [id], (em) =>
      this.incidents.regrade(id, dto.grade as Grade, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        reason: dto.reason ?? dto.comment,
      }),
    );
  }

  recategorise(p: Principal, id: string, dto: RecategoriseDto) {
    return this.scoped(p, 'incident.recategorise', [id], (em) =>
      this.edits.recategorise(id, dto.category, dto.secondaryCategories, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        comment: dto.comment,
      }),
    );
  }

  /** The new bureau may lie outside the principal's subtree: handing an incident on is the point (非本单位). */
  reassign(p: Principal, id: string, dto: ReassignDto) {
    return this.scoped(p, 'incident.reassign', [id], (em) =>
      this.edits.reassign(id, dto.bureauCode, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        comment: dto.comment,
      }),
    );
  }

  merge(p: Principal, id: string, dto: MergeDto): Promise<IncidentSnapshot> {
    return this.scoped(p, 'incident.merge', [id, dto.intoId], (em) =>
      this.merges.merge(id, dto.intoId, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        targetExpectedVersion: dto.intoExpectedVersion,
        comment: dto.comment,
      }),
    );
  }

  split(p: Principal, id: string, dto: SplitDto) {
    return this.scoped(p, 'incident.split', [id], (em) =>
      this.merges.split(id, dto.itemIds, actorOf(p), {
        em,
        expectedVersion: dto.expectedVersion,
        comment: dto.comment,
      }),
    );
  }

  comment(p: Principal, id: string, dto: CommentDto) {
    return this.scoped(p, 'incident.comment', [id], (em) =>
      this.edits.comment(id, dto.comment, actorOf(p), { em, expectedVersion: dto.expectedVersion }),
    );
  }

  claim(p: Principal, id: string, dto: VersionedDto) {
    return this.scoped(p, 'incident.claim', [id], (em) =>
      this.edits.claim(id, actorOf(p), { em, expectedVersion: dto.expectedVersion }),
    );
  }

  release(p: Principal, id: string, dto: VersionedDto) {
    return this.scoped(p, 'incident.claim', [id], (em) =>
      this.edits.release(id, actorOf(p), { em, expectedVersion: dto.expectedVersion }),
    );
  }
}
