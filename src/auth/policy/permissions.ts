/**
 * Who may do what to which subject — the one table every route, console page and signed link asks (STYLE.md
 * convention 12; decided by policy.ts, tested once per role in policy.spec.ts).
 *
 * Each action lists the holders allowed to do it and, for each, how far their reach goes:
 *   - 'subtree': the subject's bureau is the holder's own bureau or lies below it. A subject without a bureau
 *     (an unassigned incident, a national setting such as an escalation policy) belongs to HQ, so only HQ-level
 *     holders reach it;
 *   - 'unit': the subject's bureau is exactly the holder's own (a unit answers for itself, not for its children).
 * Holders are the user roles, plus 'link': the unit contact holding a signed action link from an email, acting for
 * the bureau the link was sent to.
 *
 * Admins are listed where they may act: there is no blanket "admins always pass", and a provincial admin's reach is
 * its province like anyone else's.
 */
import type { Role } from '../roles';

export type Holder = Role | 'link';
export type Reach = 'subtree' | 'unit';

export interface Permission {
  /** What the action is called in refusals ("您的角色无权{label}"). */
  label: string;
  who: Partial<Record<Holder, Reach>>;
}

const EVERY_ROLE = { admin: 'subtree', hq_analyst: 'subtree', monitor: 'subtree', head: 'subtree' } as const;
/** 研判: deciding what an incident is — monitoring staff. */
const TRIAGE = { admin: 'subtree', monitor: 'subtree' } as const;
/** 处置: the steps after confirmation — monitoring staff and the unit's head. */
const HANDLING = { admin: 'subtree', monitor: 'subtree', head: 'subtree' } as const;

export const PERMISSIONS = {
  /** Subject: the principal's own subtree; every figure on 态势总览 is scoped to it. */
  'overview.view': { label: '查看态势总览', who: EVERY_ROLE },
  'incident.view': { label: '查看事件', who: EVERY_ROLE },
  'incident.confirm': { label: '确认事件', who: TRIAGE },
  // A unit's monitor may dismiss its own auto-confirmed incident; the escalation listener records it as 疑似瞒报.
  'incident.dismiss': { label: '排除事件', who: TRIAGE },
  'incident.acknowledge': { label: '签收事件', who: { ...HANDLING, link: 'subtree' } },
  'incident.report': { label: '上报事件', who: { ...HANDLING, link: 'subtree' } },
  'incident.respond': { label: '登记回应', who: HANDLING },
  'incident.close': { label: '办结事件', who: HANDLING },
  'incident.reopen': { label: '重新打开事件', who: HANDLING },
  'incident.regrade': { label: '调整事件等级', who: TRIAGE },
  'incident.recategorise': { label: '调整事件类别', who: TRIAGE },
  'incident.reassign': { label: '改派事件', who: TRIAGE },
  'incident.merge': { label: '合并事件', who: TRIAGE },
  'incident.split': { label: '拆分事件', who: TRIAGE },
  'incident.claim': { label: '认领事件', who: TRIAGE },
  'incident.comment': { label: '添加备注', who: EVERY_ROLE },
  'incident.request_review': { label: '申请复核', who: { link: 'subtree' } },
  // Marking a clock done by hand is the act it stands for: 书面报告 is incident.report, the Ⅰ/Ⅱ press conference
  // incident.respond (src/escalation/incident/manual-actions.service.ts) — no separate "clock" permission to drift
  // apart.
  /** Subject: the responsible bureau of the incident's clocks (after routing). */
  'escalation.view': { label: '查看时限与督办', who: EVERY_ROLE },
  'extension.request': { label: '申请延期', who: { link: 'subtree' } },
  /** Subject: the approving bureau — the requesting unit's superior (HQ for HQ's own clocks). */
  'extension.decide': { label: '审批延期申请', who: { admin: 'subtree', head: 'subtree' } },
  /** Subject: the unit the task is addressed to; its head answers, not a superior's. */
  'explanation.answer': { label: '提交情况说明', who: { admin: 'subtree', head: 'unit' } },
  /** Subject: the bureau that owns the rule — see routing.service.ts (a rule without a region is national). */
  'routing.edit': { label: '修改路由规则', who: { admin: 'subtree' } },
  /**
   * Subject: the rule's owner, as for routing.edit. Monitors read too: they triage the incidents the rules route and
   * must be able to tell why one went elsewhere; heads and analysts route nothing. Lists also show HQ's rules to
   * every reader: they apply to every province's incidents and, by priority, before a province's own.
   */
  'routing.view': { label: '查看路由规则', who: { admin: 'subtree', monitor: 'subtree' } },
  /** Subject: none — the escalation policies apply to the whole country; everyone may read them. */
  'policy.view': { label: '查看时限策略', who: EVERY_ROLE },
  /** Subject: none — the escalation policies apply to the whole country. */
  'policy.edit': { label: '修改时限策略', who: { admin: 'subtree' } },
  /** Subject: the simulated bureau; contacts shown follow contacts.view. */
  'escalation.simulate': {
    label: '模拟督办',
    who: { admin: 'subtree', monitor: 'subtree', head: 'subtree' },
  },
  'contacts.view': { label: '查看联系人', who: EVERY_ROLE },
  /**
   * Subject: a bureau, read as a whole where no narrower action names the read (ScopeService.assertVisible's
   * default): the plain subtree rule.
   */
  'bureau.view': { label: '查看单位信息', who: EVERY_ROLE },
  /** Subject: the bureau of the contacts changed (an import checks every bureau its file mentions). */
  'contacts.edit': { label: '修改联系人', who: { admin: 'subtree' } },
  /**
   * Subject: the user's bureau — and, on creation or a change of scope, the bureau it is given too, so an admin can
   * neither create a user scoped above itself nor grant a bureau outside its reach.
   */
  'user.manage': { label: '管理用户', who: { admin: 'subtree' } },
  /** Subject: the bureau of the user the token acts as. */
  'token.manage': { label: '管理 API 令牌', who: { admin: 'subtree' } },
  /**
   * Subject: none (national). What the mail server answered to each attempt can name the outbox file or the relay:
   * the server is the whole country's, so its answers are for HQ's admins (a province's see sent/failed only).
   */
  'mail.transport_view': { label: '查看邮件服务器应答', who: { admin: 'subtree' } },
  /** Subject: the source's bureau (HQ's for a national source); lists show national sources plus the subtree's. */
  'source.view': {
    label: '查看信息源',
    who: { admin: 'subtree', hq_analyst: 'subtree', monitor: 'subtree' },
  },
  /** Subject: the source's bureau, and on a move the new one too; a national source (no bureau) is HQ's. */
  'source.manage': { label: '管理信息源', who: { admin: 'subtree' } },
  /**
   * Pushing items with a bearer token (POST /api/ingest/items; src/ingestion/push-auth.ts). The role is decided here;
   * the reach is the push source's: one in the token user's subtree, or a national source, which any region's
   * crawler may feed (a signed push carries the source's own secret instead of a user).
   */
  'item.push': { label: '推送数据', who: { admin: 'subtree', monitor: 'subtree' } },
  /** Subject: the bureau whose figures are read (the whole country for the national ranking). */
  'statistics.view': { label: '查看统计通报', who: EVERY_ROLE },
  /**
   * Subject: none (national), whichever scope is asked for — HQ circulates the monthly bulletin to every region
   * (按月统计通报). Computing a draft is part of it: a draft is a version of the same series, in its history.
   */
  'bulletin.publish': { label: '发布月度通报', who: { admin: 'subtree', hq_analyst: 'subtree' } },
  /** Subject: the briefing's scope (舆情日报/周报). */
  'briefing.view': { label: '查看舆情日报/周报', who: EVERY_ROLE },
  /** Subject: the subscribed scope. Heads receive briefings; their office manages who else does. */
  'briefing.subscribe': {
    label: '管理简报订阅',
    who: { admin: 'subtree', hq_analyst: 'subtree', monitor: 'subtree' },
  },
  /**
   * Subject: the incident's bureau (HQ's when unassigned): drafting and editing its 舆情专报, which changes nothing on
   * the incident. Submitting it is a report upward, so it also needs incident.report (and incident.acknowledge on an
   * incident not yet acknowledged) — the rules of the incident routes
   * (src/escalation/incident/upward-reports.service.ts).
   */
  'special_report.write': { label: '编写舆情专报', who: EVERY_ROLE },
  /** Subject: the responsible unit of a 督办 matter: a unit or any superior of it opens and follows it. */
  'supervision.open': { label: '下发督办事项', who: EVERY_ROLE },
  'supervision.view': { label: '查看督办事项', who: EVERY_ROLE },
  /** Subject: the responsible unit — it answers for itself (admins of a superior may record the answer). */
  'supervision.answer': {
    label: '报送督办办理情况',
    who: { admin: 'subtree', hq_analyst: 'unit', monitor: 'unit', head: 'unit' },
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
