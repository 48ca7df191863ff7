import type { EntityManager } from 'typeorm';
import { AuthError } from '../../auth/auth.errors';
import type { Principal } from '../../auth/roles';
import { badInput } from '../incident.errors';
import { reassignRefusal } from './incident-reassign.rule';
import { IncidentSnapshot, STATUS_LABELS } from '../incident.types';

interface BureauRow {
  code: string;
  name: string;
  path: string;
}

/**
 * Applies incident-reassign.rule.ts to a locked incident (inside the action's transaction): 400 for an unknown
 * bureau, 403 AUTH_OUT_OF_SCOPE naming the superior that may do it. Every route that reassigns comes through here
 * (IncidentTriageService.reassign: API, bulk, console).
 */
export async function assertMayReassign(
  em: EntityManager,
  p: Pick<Principal, 'role' | 'bureauPath'>,
  inc: IncidentSnapshot,
  bureauCode: string | null,
): Promise<void> {
  let target: BureauRow | null = null;
  if (bureauCode !== null) {
    [target] = await em.query(`SELECT code, name, path FROM bureaus WHERE code = $1`, [bureauCode]);
    if (!target) throw badInput(`单位 ${bureauCode} 不存在`);
  }
  const refusal = reassignRefusal(p, inc, target?.path ?? null);
  if (!refusal) return;
  const rows: BureauRow[] = await em.query(
    `SELECT code, name, path FROM bureaus WHERE path = $1 OR code = $2`,
    [refusal.coveredBy, inc.bureauCode],
  );
  const nameOf = (b: { code?: string | null; path?: string }) =>
    rows.find((r) => (b.path ? r.path === b.path : r.code === b.code))?.name;
  const from = inc.bureauCode ? (nameOf({ code: inc.bureauCode }) ?? inc.bureauCode) : '未分配单位';
  const to = target?.name ?? '未分配单位（总局研判）';
  const cover = nameOf({ path: refusal.coveredBy }) ?? '国家税务总局';
  throw new AuthError(
    'forbidden',
    'AUTH_OUT_OF_SCOPE',
    `只有待研判（尚未确认）的事件可以改派到您的管辖范围以外，事件 #${inc.id} 当前为“${STATUS_LABELS[inc.status]}”。` +
      `改派到${to}须由同时管辖${from}和${to}的上级单位（${cover}）的舆情监测员或系统管理员办理。`,
    { action: 'incident.reassign', from: inc.bureauCode, to: bureauCode, coveredBy: refusal.coveredBy },
  );
}
