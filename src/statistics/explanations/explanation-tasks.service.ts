import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { authorize, can } from '../../auth/policy/policy';
import type { Principal } from '../../auth/roles';
import { ClockSubjects } from '../../escalation/engine/clock-subjects';
import { EscalationService } from '../../escalation/engine/escalation.service';
import { endOfWorkingDays, parseWorkingHours } from '../../escalation/engine/working-time';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { OutboxService } from '../../notifications/outbox.service';
import { taskNoticeEmail } from '../bulletin/bulletin-mail';
import { BulletinRepository } from '../bulletin/bulletin.repository';
import { ExplanationSubject } from './explanation-subject';
import { ExplanationTasksRepository, NewTask } from './explanation-tasks.repository';
import { RankedUnit } from '../figures/ranking';
import { StatisticsConfig } from '../statistics.config';
import { StatisticsError, taskNotFound } from '../statistics.errors';
import { MonthKey } from '../figures/statistics-month';
import { BulletinRecord, ExplanationTaskView } from '../statistics.types';

/** Why a unit must explain itself, in the words of the bulletin. */
export function taskReason(u: RankedUnit, peers: number, bottomN: number): string {
  const parts: string[] = [];
  if (u.flags.bottom) parts.push(`综合排名第 ${u.rank} 名（共 ${peers} 个单位，后 ${bottomN} 名）`);
  if (u.flags.rise) {
    parts.push(
      u.change === null
        ? `负面舆情由上月 0 起增至 ${u.incidents} 起`
        : `负面舆情环比上升 ${(u.change * 100).toFixed(1)}%（上月 ${u.previousIncidents} 起，本月 ${u.incidents} 起）`,
    );
  }
  return parts.join('；');
}

export const EXPLANATION_MAX_CHARS = 20000;

/**
 * 情况说明: every unit a published bulletin flags gets one task for its head, with a deadline in working days, driven by
 * the escalation engine's clocks (subject 'explanation', policy 'explanation': reminders and escalation up the tree).
 * The head answers in the console; the answer stays with the bulletin's history.
 */
@Injectable()
export class ExplanationTasksService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: StatisticsConfig,
    private readonly app: AppConfig,
    private readonly subjects: ClockSubjects,
    private readonly escalation: EscalationService,
    private readonly outbox: OutboxService,
    private readonly repo: ExplanationTasksRepository,
    private readonly history: BulletinRepository,
  ) {}

  onModuleInit(): void {
    this.subjects.register('explanation', new ExplanationSubject(() => this.app.PUBLIC_BASE_URL));
  }

  /** Tasks for the flagged units of a just-published bulletin (none twice for one month and scope). */
  async createForBulletin(
    em: EntityManager,
    b: BulletinRecord,
    at: Date,
    actorLabel: string,
  ): Promise<ExplanationTaskView[]> {
    const s = b.snapshot;
    const flagged = s.ranking.units.filter((u) => u.flags.bottom || u.flags.rise);
    if (flagged.length === 0) return [];
    const heads = await this.repo.heads(
      em,
      flagged.map((u) => u.code),
    );
    const hours = parseWorkingHours(this.escalation.workingHours());
    const dueAt = endOfWorkingDays(at, this.config.STATISTICS_EXPLANATION_WORKING_DAYS, hours);
    const rows: NewTask[] = flagged.map((u) => ({
      month: s.month,
      scopeCode: s.scope.code,
      bureauCode: u.code,
      bulletinId: b.id,
      flags: [u.flags.bottom && 'bottom', u.flags.rise && 'rise'].filter((f): f is string => !!f),
      reason: taskReason(u, s.ranking.units.length, s.ranking.settings.bottomN),
      headName: heads.get(u.code)?.name ?? null,
      headEmail: heads.get(u.code)?.email ?? null,
      dueAt,
      createdAt: at,
    }));
    const ids = await this.repo.insertMissing(em, rows);
    const created = await this.repo.byIds(ids, em);
    for (const t of created) {
      await this.escalation.startClock(em, {
        subjectKind: 'explanation',
        subjectId: t.id,
        bureauCode: t.bureauCode,
        kind: 'explanation',
        dueAt: new Date(t.dueAt),
        policyKey: 'explanation',
      });
      if (t.headEmail) {
        const mail = taskNoticeEmail(t, s, this.app.PUBLIC_BASE_URL);
        await this.outbox.enqueue(em, {
          dedupeKey: `statistics:task:${t.id}:notice:to:${t.headEmail.toLowerCase()}`,
          to: t.headEmail,
          toName: t.headName ?? undefined,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: 'statistics.explanation',
        });
      }
      await this.history.event(em, {
        at,
        month: s.month,
        scopeCode: s.scope.code,
        bulletinId: b.id,
        taskId: t.id,
        action: 'task_created',
        actorLabel,
        detail: { bureauCode: t.bureauCode, flags: t.flags, dueAt: t.dueAt, head: t.headEmail },
      });
    }
    return created;
  }

  list(month: MonthKey, scopeCode: string): Promise<ExplanationTaskView[]> {
    return this.repo.list(month, scopeCode);
  }

  async get(id: string): Promise<ExplanationTaskView> {
    const t = /^[0-9]{1,18}$/.test(id) ? await this.repo.get(id) : null;
    if (!t) throw taskNotFound(id);
    return t;
  }

  /** The unit's own head answers (or an admin whose reach includes the unit): explanation.answer. */
  canAnswer(p: Principal, t: Pick<ExplanationTaskView, 'bureauPath'>): boolean {
    return can(p, 'explanation.answer', t);
  }

  /** Authorized before the text is looked at, as every answer: someone who may not answer is told that (403). */
  async answer(p: Principal, id: string, text: unknown): Promise<ExplanationTaskView> {
    const now = this.clock.now();
    return this.ds.transaction(async (em) => {
      const t = /^[0-9]{1,18}$/.test(id) ? await this.repo.get(id, em, true) : null;
      if (!t) throw taskNotFound(id);
      authorize(p, 'explanation.answer', t);
      const answer = typeof text === 'string' ? text.trim() : '';
      if (answer.length < 2 || answer.length > EXPLANATION_MAX_CHARS) {
        throw new StatisticsError(
          'invalid',
          'STATISTICS_ANSWER_LENGTH',
          `情况说明应为 2–${EXPLANATION_MAX_CHARS} 个字`,
        );
      }
      const label = `${p.displayName || p.username}（${p.username}）`;
      if (!(await this.repo.answer(em, id, { text: answer, at: now, userId: p.userId, label }))) {
        throw new StatisticsError('conflict', 'STATISTICS_TASK_CLOSED', '该情况说明已提交或已撤销');
      }
      await this.escalation.meetClock(em, {
        subjectKind: 'explanation',
        subjectId: id,
        kind: 'explanation',
        at: now,
        actor: { userId: p.userId, label },
      });
      await this.history.event(em, {
        at: now,
        month: t.month,
        scopeCode: t.scopeCode,
        taskId: id,
        action: 'task_answered',
        actorLabel: label,
        detail: { bureauCode: t.bureauCode, late: now.getTime() > new Date(t.dueAt).getTime() },
      });
      return (await this.repo.get(id, em))!;
    });
  }
}
