import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/roles';
import { DomainError } from '../../infrastructure/http/domain-error';
import { badInput } from '../incident.errors';
import { IncidentTriageService } from './incident-triage.service';
import { DISMISS_REASONS } from '../incident.types';

export const BULK_OPS = ['confirm', 'dismiss', 'reassign', 'merge'] as const;
export type BulkOp = (typeof BULK_OPS)[number];

export const BULK_OP_LABELS: Record<BulkOp, string> = {
  confirm: '确认',
  dismiss: '排除',
  reassign: '改派单位',
  merge: '合并到事件',
};

/** At most one page of the queue (its largest page size), so a request stays short. */
export const BULK_MAX = 200;

export interface BulkTarget {
  id: string;
  expectedVersion: number;
}

export interface BulkArgs {
  reason?: string;
  comment?: string;
  bureauCode?: string | null;
  intoId?: string;
}

export interface BulkOutcome {
  id: string;
  ok: boolean;
  /** Why it failed, in Chinese, as the single action would have said it. */
  error?: string;
}

export function isBulkOp(v: unknown): v is BulkOp {
  return typeof v === 'string' && (BULK_OPS as readonly string[]).includes(v);
}

/**
 * 批量处理: the same IncidentTriageService method as the single action, once per incident. Each call is its own
 * transaction with its own policy check and audit event, so one refused or stale incident does not undo the others;
 * the caller gets every incident's outcome.
 */
@Injectable()
export class IncidentBulkService {
  constructor(private readonly triage: IncidentTriageService) {}

  async apply(p: Principal, op: BulkOp, targets: BulkTarget[], args: BulkArgs): Promise<BulkOutcome[]> {
    if (!targets.length) throw badInput('请至少勾选一个事件');
    if (targets.length > BULK_MAX) throw badInput(`一次最多处理 ${BULK_MAX} 个事件`);
    if (op === 'dismiss' && !(DISMISS_REASONS as readonly string[]).includes(args.reason ?? '')) {
      throw badInput('请选择排除原因');
    }
    if (op === 'merge' && !/^[0-9]{1,18}$/.test(args.intoId ?? '')) throw badInput('请输入目标事件编号');
    // A bulk move names its unit: an empty field silently sent the ticked incidents to nobody (HQ triage), out of the
    // sender's sight. Unassigning stays possible one incident at a time, where the form says so.
    if (op === 'reassign' && !args.bureauCode) throw badInput('请填写改派单位（批量改派不能改为未分配）');
    if (op === 'reassign' && !/^[0-9]{2,6}$/.test(args.bureauCode ?? '')) {
      throw badInput('单位代码应为 2–6 位数字');
    }
    if (op === 'merge' && targets.every((t) => t.id === args.intoId)) {
      throw badInput(`不能把事件合并到它自己：请勾选要并入事件 #${args.intoId} 的其他事件`);
    }
    const out: BulkOutcome[] = [];
    for (const t of targets) {
      if (op === 'merge' && t.id === args.intoId) {
        // Ticking the target beside the others is harmless: it stays as it is, and the outcome says so.
        out.push({ id: t.id, ok: false, error: '这是合并的目标事件本身，保留不动' });
        continue;
      }
      try {
        await this.one(p, op, t, args);
        out.push({ id: t.id, ok: true });
      } catch (e) {
        // Domain errors (out of scope, stale version, wrong state) are per-incident outcomes; anything else is a fault.
        if (!(e instanceof DomainError)) throw e;
        out.push({ id: t.id, ok: false, error: e.message });
      }
    }
    return out;
  }

  private async one(p: Principal, op: BulkOp, t: BulkTarget, a: BulkArgs): Promise<unknown> {
    const v = { expectedVersion: t.expectedVersion, comment: a.comment };
    switch (op) {
      case 'confirm':
        return this.triage.confirm(p, t.id, v);
      case 'dismiss':
        return this.triage.dismiss(p, t.id, { ...v, reason: a.reason! });
      case 'reassign':
        return this.triage.reassign(p, t.id, { ...v, bureauCode: a.bureauCode ?? null });
      case 'merge':
        return this.triage.merge(p, t.id, { ...v, intoId: a.intoId! });
    }
  }
}

/** One line for the person who pressed the button: how many worked, and each failure with its reason. */
export function summariseBulk(op: BulkOp, outcomes: BulkOutcome[]): { msg?: string; err?: string } {
  const ok = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.filter((o) => !o.ok);
  const shown = failed.slice(0, 10).map((o) => `事件 #${o.id}：${o.error}`);
  if (failed.length > shown.length) shown.push(`另有 ${failed.length - shown.length} 个事件未成功`);
  return {
    msg: ok ? `已批量${BULK_OP_LABELS[op]} ${ok} 个事件` : undefined,
    err: failed.length ? `${failed.length} 个事件未能${BULK_OP_LABELS[op]}：${shown.join('；')}` : undefined,
  };
}
