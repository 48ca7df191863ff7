import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Action } from '../../auth/policy/permissions';
import { assertRoleMay } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import type {
  CommentDto,
  DismissDto,
  MergeDto,
  ReassignDto,
  RecategoriseDto,
  RegradeDto,
  ReviewAnswerDto,
  SplitDto,
  TransitionDto,
  VersionedDto,
} from '../incident.dto';
import { assertCommentLength, badInput, incidentNotFound } from '../incident.errors';
import { loadSnapshot } from '../incident.repository';
import { actorOf, assertMay, transitionAction } from '../query/incident-scope';
import { assertMayReassign } from './incident-reassign.check';
import { IncidentEditsService } from './incident-edits.service';
import { IncidentMergeService } from './incident-merge.service';
import { IncidentReviewService } from './incident-review.service';
import { Grade, IncidentSnapshot, TransitionAction } from '../incident.types';
import { IncidentsService } from '../incidents.service';
import { readReportForm, reportActions, ReportFormInput, reportLine } from './report-form';

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
    private readonly reviews: IncidentReviewService,
  ) {}

  private scoped<T>(
    p: Principal,
    action: Action,
    ids: string[],
    fn: (em: EntityManager, checked: IncidentSnapshot[]) => Promise<T>,
    typed: { comment?: string; reason?: string } = {},
  ): Promise<T> {
    // Role before anything else, as the routes' @Can does: /transition and the console refuse in the same order.
    assertRoleMay(p.role, action);
    // The console posts forms without the API's DTO limits: the same length rule refuses here, never truncates.
    assertCommentLength(typed.comment);
    assertCommentLength(typed.reason);
    for (const id of ids) if (!/^[0-9]{1,18}$/.test(id)) throw incidentNotFound(id);
    return this.db.transaction(async (em) => {
      const checked = new Map<string, IncidentSnapshot>();
      for (const id of [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) {
        const inc = await loadSnapshot(em, id, { lock: true });
        assertMay(p, action, inc);
        checked.set(id, inc);
      }
      return fn(
        em,
        ids.map((id) => checked.get(id)!),
      );
    });
  }

  transition(
    p: Principal,
    id: string,
    action: TransitionAction,
    dto: VersionedDto & { reason?: string } & ReportFormInput,
  ) {
    return this.scoped(
      p,
      transitionAction(action),
      [id],
      (em, [inc]) =>
        action === 'report'
          ? this.report(em, p, inc, dto)
          : this.incidents.transition(id, action, actorOf(p), {
              em,
              expectedVersion: dto.expectedVersion,
              reason: dto.reason,
              comment: dto.comment,
            }),
      dto,
    );
  }

  /**
   * 上报 with its form (report-form.ts), by the rule the mail link and the 舆情专报 apply: how, to whom, the 文号 of a
   * written report; on an incident nobody has acknowledged it acknowledges too, under both rules. The escalation
   * listener meets the 首报 with the form, for any 迟报 finding (and the 书面报告 of a written one).
   */
  private async report(
    em: EntityManager,
    p: Principal,
    inc: IncidentSnapshot,
    dto: VersionedDto & ReportFormInput,
  ): Promise<IncidentSnapshot> {
    const actor = actorOf(p);
    // The incident's own refusals first, as on every transition (merged, a stale page, someone else's claim; 409 from a
    // status 上报 cannot leave), then the form: a stale page is told it is stale, not that its form is incomplete.
    await this.incidents.begin(em, inc.id, actor, dto.expectedVersion);
    if (inc.status !== 'confirmed' && inc.status !== 'acknowledged')
      return this.incidents.transition(inc.id, 'report', actor, { em });
    // 签收 and 上报 share one rule in permissions.ts today; both are checked so that a change to the table cannot let a
    // 上报 签收 for someone who may not.
    for (const action of reportActions(inc.status)) assertMay(p, action, inc);
    const read = readReportForm(dto);
    if ('problem' in read) throw badInput(read.problem);
    if (inc.status === 'confirmed')
      await this.incidents.transition(inc.id, 'acknowledge', actor, { em, comment: '随上报一并签收' });
    return this.incidents.transition(inc.id, 'report', actor, {
      em,
      comment: [reportLine(read.evidence), dto.comment?.trim()].filter(Boolean).join('；'),
      data: read.evidence,
    });
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
    return this.scoped(
      p,
      'incident.regrade',
      [id],
      (em) =>
        this.incidents.regrade(id, dto.grade as Grade, actorOf(p), {
          em,
          expectedVersion: dto.expectedVersion,
          reason: dto.reason ?? dto.comment,
        }),
      dto,
    );
  }

  recategorise(p: Principal, id: string, dto: RecategoriseDto) {
    return this.scoped(
      p,
      'incident.recategorise',
      [id],
      (em) =>
        this.edits.recategorise(id, dto.category, dto.secondaryCategories, actorOf(p), {
          em,
          expectedVersion: dto.expectedVersion,
          comment: dto.comment,
        }),
      dto,
    );
  }

  /** Where it may go is incident-reassign.rule.ts: anywhere while new, within the actor's reach once confirmed. */
  reassign(p: Principal, id: string, dto: ReassignDto) {
    return this.scoped(
      p,
      'incident.reassign',
      [id],
      async (em, [inc]) => {
        await assertMayReassign(em, p, inc, dto.bureauCode);
        return this.edits.reassign(id, dto.bureauCode, actorOf(p), {
          em,
          expectedVersion: dto.expectedVersion,
          comment: dto.comment,
        });
      },
      dto,
    );
  }

  merge(p: Principal, id: string, dto: MergeDto): Promise<IncidentSnapshot> {
    return this.scoped(
      p,
      'incident.merge',
      [id, dto.intoId],
      (em) =>
        this.merges.merge(id, dto.intoId, actorOf(p), {
          em,
          expectedVersion: dto.expectedVersion,
          targetExpectedVersion: dto.intoExpectedVersion,
          comment: dto.comment,
        }),
      dto,
    );
  }

  split(p: Principal, id: string, dto: SplitDto) {
    return this.scoped(
      p,
      'incident.split',
      [id],
      (em) =>
        this.merges.split(id, dto.itemIds, actorOf(p), {
          em,
          expectedVersion: dto.expectedVersion,
          comment: dto.comment,
        }),
      dto,
    );
  }

  /** 复核结论, under the rule of the triage action it amounts to: 维持 = confirm, 改判 = regrade or dismiss. */
  answerReview(p: Principal, id: string, dto: ReviewAnswerDto) {
    const action: Action = dto.decision === 'uphold' ? 'incident.confirm' : `incident.${dto.decision}`;
    return this.scoped(p, action, [id], (em) => this.reviews.answer(em, id, dto, actorOf(p)), dto);
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
