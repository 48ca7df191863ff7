import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IncidentsService } from '../../incidents/incidents.service';
import { stillRunningText } from '../engine/clock-tasks';
import { clocksOf } from '../engine/escalation-clock.store';
import { STATUS_LABELS } from '../../incidents/incident.types';
import type { Actor, IncidentStatus } from '../../incidents/incident.types';
import { Clock } from '../../infrastructure/clock/clock';
import { formatShanghai } from '../../notifications/time-format';
import type { LinkForm, LinkRow } from './action-links.service';
import { ClockSubjects } from '../engine/clock-subjects';
import { EscalationDirectory } from '../engine/escalation.directory';
import { escalationError } from '../escalation.errors';
import type { Recipient } from '../escalation.types';
import { ExtensionService } from '../incident/extension.service';
import { parseShanghaiLocal } from '../engine/local-time';
import { ReviewRequestNotices } from '../incident/review-request.notice';
import { UpwardReports } from '../incident/upward-reports.service';
import { readReportForm, reportLine } from '../../incidents/triage/report-form';

/**
 * What each signed link does, inside the link's transaction: 签收 and 已上报 go through IncidentsService transitions
 * (so the incident's own rules and listeners apply; 已上报 through UpwardReports, the rule every route shares),
 * 申请复核 is a timeline entry and a notice to the monitoring staff, 申请延期 a request to the superior. A form
 * mistake throws ESCALATION_LINK_INPUT (400, link left unused).
 */
@Injectable()
export class LinkActions {
  constructor(
    private readonly clock: Clock,
    private readonly subjects: ClockSubjects,
    private readonly incidents: IncidentsService,
    private readonly upward: UpwardReports,
    private readonly extensions: ExtensionService,
    private readonly directory: EscalationDirectory,
    private readonly reviews: ReviewRequestNotices,
  ) {}

  /** What the result page says is still to do: the incident's own clocks, not a fixed list. */
  private async stillRunning(em: EntityManager, incidentId: string): Promise<string> {
    return stillRunningText(await clocksOf(em, 'incident', incidentId));
  }

  async apply(em: EntityManager, link: LinkRow, form: LinkForm, actor: Actor): Promise<string> {
    const status = (): Promise<IncidentStatus> =>
      em
        .query(`SELECT status FROM incidents WHERE id = $1 FOR UPDATE`, [link.subjectId])
        .then((r) => r[0]?.status);
    const id = link.subjectId;
    switch (link.action) {
      case 'acknowledge': {
        const s = await status();
        if (s !== 'confirmed') return `事件当前状态为“${STATUS_LABELS[s] ?? s}”，无需签收（未作更改）。`;
        await this.incidents.transition(id, 'acknowledge', actor, { em });
        return `已签收。${await this.stillRunning(em, id)}`;
      }
      case 'report': {
        const read = readReportForm(form);
        if ('problem' in read) throw linkInput(read.problem);
        const data = read.evidence;
        const { reportType } = data;
        const reference = data.reference ?? '';
        const s = await status();
        if (reportType === 'phone' && s !== 'confirmed' && s !== 'acknowledged')
          return `事件当前状态为“${STATUS_LABELS[s] ?? s}”，首报此前已记录（未作更改）。`;
        const r = await this.upward.report(em, id, data, actor, {
          acknowledge: '随上报一并签收',
          report: reportLine(data),
          written: reportLine(data),
        });
        const written = r.written
          ? `已记录书面报告（文号 ${reference}）`
          : `已记录书面报告（文号 ${reference}；书面报告时限此前已结束）`;
        if (!r.reported) return `${written}。${await this.stillRunning(em, id)}`;
        const done = `已记录向上级报告${reportType === 'written' ? `（书面报告，文号 ${reference}）` : ''}`;
        return `${done}。${await this.stillRunning(em, id)}`;
      }
      case 'review': {
        const reason = form.reason?.trim() ?? '';
        if (reason.length < 2 || reason.length > 2000)
          throw linkInput('请填写申请复核（误报）的理由（2–2000 字）');
        const at = this.clock.now();
        await this.subjects.get(link.subjectKind).recordEvents?.(em, [
          {
            subjectId: id,
            at,
            action: 'review_requested',
            after: { by: link.recipientEmail, reason },
            comment: `申请复核为误报：${reason}`,
            actorLabel: `${link.recipientName ?? link.recipientEmail}（邮件链接）`,
          },
        ]);
        if (link.subjectKind !== 'incident') return '复核申请已提交。';
        const bureau = await this.directory.bureau(link.recipientBureauCode ?? '00');
        const told = await this.reviews.queue(em, {
          incidentId: id,
          subject: await this.subjects.get('incident').describe(em, id),
          by: {
            name: link.recipientName,
            email: link.recipientEmail,
            role: link.recipientRole,
            bureauName: bureau?.name ?? '',
          },
          reason,
          at,
          linkId: link.id,
        });
        return `复核申请已提交${told ? `，已通知舆情监测岗（${told} 人）重新研判` : ''}。研判结果出来前，各项时限仍在计时。`;
      }
      case 'extension': {
        const due = form.requestedDue ? parseShanghaiLocal(form.requestedDue) : null;
        if (!due) throw linkInput('请填写申请延至的时间');
        if (!form.clockId || !/^[0-9]{1,18}$/.test(form.clockId)) throw linkInput('请选择要延期的时限');
        const bureau = await this.directory.bureau(link.recipientBureauCode ?? '00');
        const requester: Recipient = {
          name: link.recipientName ?? link.recipientEmail,
          email: link.recipientEmail,
          role: link.recipientRole ?? 'liaison',
          bureauCode: link.recipientBureauCode ?? '00',
          bureauName: bureau?.name ?? '',
        };
        await this.extensions.request(em, {
          subjectKind: link.subjectKind,
          subjectId: id,
          clockId: form.clockId,
          reason: form.reason ?? '',
          requestedDue: due,
          requester,
          linkId: link.id,
        });
        return `延期申请已提交上级单位审批（申请延至 ${formatShanghai(due)}）。审批前原时限仍然有效。`;
      }
    }
  }
}

function linkInput(message: string) {
  return escalationError('invalid', 'ESCALATION_LINK_INPUT', message);
}
