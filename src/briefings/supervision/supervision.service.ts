import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/roles';
import { assertRoleMay, can } from '../../auth/policy/policy';
import { ScopeService } from '../../auth/scope.service';
import { ClockSubjects } from '../../escalation/engine/clock-subjects';
import { EscalationService } from '../../escalation/engine/escalation.service';
import { Clock } from '../../infrastructure/clock/clock';
import { AppConfig } from '../../infrastructure/config/app.config';
import { OutboxService } from '../../notifications/outbox.service';
import { BriefingError } from '../briefings.errors';
import { SupervisionRepository } from './supervision.repository';
import { supervisionNoticeEmail } from './supervision-mail';
import { SupervisionSubject } from './supervision-subject';
import { LedgerFilter, SupervisionMatter } from './supervision.types';

const invalid = (msg: string) => new BriefingError('invalid', 'SUPERVISION_INVALID', msg);
const notFound = (id: string) =>
  new BriefingError('not_found', 'SUPERVISION_NOT_FOUND', `督办事项 ${id} 不存在`);

/**
 * 督办台账: a superior unit opens a matter for a unit of its subtree, with a deadline; the matter runs on an
 * escalation clock (reminders, escalation up the tree, extension requests decided by the superior, as for incidents);
 * the responsible unit answers with its report, which meets the clock — after the deadline, a 迟报 finding is recorded
 * in the same transaction. Who may: open — any role, for its own subtree; answer — a user of the responsible unit.
 */
@Injectable()
export class SupervisionService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly app: AppConfig,
    private readonly repo: SupervisionRepository,
    private readonly scopes: ScopeService,
    private readonly subjects: ClockSubjects,
    private readonly escalation: EscalationService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('supervision', new SupervisionSubject(() => this.app.PUBLIC_BASE_URL));
  }

  async create(
    p: Principal,
    input: { title: string; instruction: string; requiredReport?: string; bureauCode: string; dueAt: Date },
  ): Promise<SupervisionMatter> {
    const now = this.clock.now();
    const title = input.title.trim();
    const instruction = input.instruction.trim();
    if (title.length < 2 || title.length > 200) throw invalid('标题应为 2–200 字');
    if (instruction.length < 2) throw invalid('请填写督办要求');
    if (!(input.dueAt.getTime() > now.getTime())) throw invalid('办理时限应晚于当前时间');
    await this.scopes.authorize(p, 'supervision.open', input.bureauCode);
    const by = p.displayName || p.username;
    const id = await this.ds.transaction(async (em) => {
      const matterId = await this.repo.insert(em, {
        title,
        instruction,
        requiredReport: input.requiredReport?.trim() ?? '',
        issuer: p.bureauCode,
        bureauCode: input.bureauCode,
        dueAt: input.dueAt,
        by,
        at: now,
      });
      await this.repo.event(em, {
        matterId,
        at: now,
        action: 'created',
        actor: by,
        detail: { dueAt: input.dueAt },
      });
      await this.escalation.startClock(em, {
        subjectKind: 'supervision',
        subjectId: matterId,
        bureauCode: input.bureauCode,
        kind: 'supervision',
        dueAt: input.dueAt,
        policyKey: 'supervision',
      });
      // the notice to the unit's head and liaison, in the same transaction as the matter and its clock
      const m = (await this.repo.get(matterId, now, em))!;
      const mail = supervisionNoticeEmail(m, this.app.PUBLIC_BASE_URL);
      const to: { email: string; name: string }[] = await em.query(
        `SELECT DISTINCT ON (lower(email)) email, name FROM bureau_contacts
          WHERE bureau_code = $1 AND role IN ('head','liaison') ORDER BY lower(email), id`,
        [input.bureauCode],
      );
      await this.outbox.enqueueMany(
        em,
        to.map((r) => ({
          dedupeKey: `supervision:${matterId}:notice:to:${r.email.toLowerCase()}`,
          to: r.email,
          toName: r.name,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          kind: 'supervision.notice',
        })),
      );
      return matterId;
    });
    return (await this.repo.get(id, now))!;
  }

  async get(p: Principal, id: string): Promise<SupervisionMatter> {
    const m = await this.repo.get(id, this.clock.now());
    if (!m) throw notFound(id);
    // the issuer is the responsible unit or above it: seeing the unit's subtree is what counts
    await this.scopes.authorize(p, 'supervision.view', m.bureauCode);
    return m;
  }

  ledger(p: Principal, f: Omit<LedgerFilter, 'pathPrefix'> = {}): Promise<SupervisionMatter[]> {
    return this.repo.ledger({ ...f, pathPrefix: p.bureauPath }, this.clock.now());
  }

  async canAnswer(p: Principal, m: SupervisionMatter): Promise<boolean> {
    return m.status === 'open' && can(p, 'supervision.answer', await this.scopes.subject(m.bureauCode));
  }

  /**
   * Authorized before the text is looked at (role, then the matter's unit), so someone who may not answer learns
   * that, not what a valid answer would be. The API and the console hand the body over unchecked for that reason.
   */
  async answer(p: Principal, id: string, text: unknown): Promise<SupervisionMatter> {
    assertRoleMay(p.role, 'supervision.answer');
    const m = await this.repo.get(id, this.clock.now());
    if (!m) throw notFound(id);
    await this.scopes.authorize(p, 'supervision.answer', m.bureauCode);
    const answer = typeof text === 'string' ? text.trim() : '';
    if (answer.length < 2 || answer.length > 20000) throw invalid('办理情况应为 2–20000 字');
    const by = p.displayName || p.username;
    await this.ds.transaction(async (em) => {
      const locked = await this.repo.lock(em, id);
      if (locked?.status !== 'open')
        throw new BriefingError('conflict', 'SUPERVISION_ANSWERED', '该督办事项已报送办理情况');
      const at = this.clock.now();
      const met = await this.escalation.meetClock(em, {
        subjectKind: 'supervision',
        subjectId: id,
        kind: 'supervision',
        at,
        actor: { userId: p.userId, label: by, bureauCode: p.bureauCode },
      });
      await this.repo.answer(em, id, { answer, by, at });
      await this.repo.event(em, { matterId: id, at, action: 'answered', actor: by });
      if (met && at.getTime() > met.dueAt.getTime()) {
        const minutesLate = Math.floor((at.getTime() - met.dueAt.getTime()) / 60_000);
        await this.repo.finding(em, {
          matterId: id,
          bureauCode: m.bureauCode,
          at,
          clockId: met.id,
          evidence: { dueAt: met.dueAt, answeredAt: at, minutesLate, by },
        });
        await this.repo.event(em, {
          matterId: id,
          at,
          action: 'late_report',
          actor: '系统',
          detail: { minutesLate },
        });
      }
    });
    return (await this.repo.get(id, this.clock.now()))!;
  }
}
