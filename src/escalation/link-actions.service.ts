import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IncidentsService } from '../incidents/incidents.service';
import { STATUS_LABELS } from '../incidents/incident.types';
import type { Actor, IncidentStatus } from '../incidents/incident.types';
import { Clock } from '../infrastructure/clock/clock';
import { formatShanghai } from '../notifications/time-format';
import type { LinkForm, LinkRow } from './action-links.service';
import { ClockSubjects } from './clock-subjects';
import { EscalationDirectory } from './escalation.directory';
import { escalationError } from './escalation.errors';
import { EscalationService } from './escalation.service';
import type { Recipient } from './escalation.types';
import { ExtensionService } from './extension.service';
import { insertIncidentEvents } from './incident-subject';
import { parseShanghaiLocal } from './local-time';

/**
 * What each signed link does, inside the link's transaction: 签收 and 已上报 go through IncidentsService transitions
 * (so the incident's own rules and listeners apply), 申请复核 is a timeline entry, 申请延期 a request to the
 * superior. A form mistake throws ESCALATION_LINK_INPUT (400, link left unused).
 */
@Injectable()
export class LinkActions {
  constructor(
    private readonly clock: Clock,
    private readonly subjects: ClockSubjects,
    private readonly incidents: IncidentsService,
    private readonly escalation: EscalationService,
    private readonly extensions: ExtensionService,
    private readonly directory: EscalationDirectory,
  ) {}

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
        return '已签收。后续上报与回应时限仍在计时。';
      }
      case 'report': {
        const type = form.reportType === 'written' ? 'written' : form.reportType === 'phone' ? 'phone' : null;
        const reference = form.reference?.trim() ?? '';
        const reportedTo = form.reportedTo?.trim() ?? '';
        if (!type) throw linkInput('请选择报告方式（电话/口头首报 或 书面报告）');
        if (!reportedTo || reportedTo.length > 200)
          throw linkInput('请填写报送对象（如：广州市税务局办公室、区委区政府）');
        if (type === 'written' && !reference) throw linkInput('书面报告请填写文号');
        if (reference.length > 100) throw linkInput('文号过长（最多 100 字）');
        const data = { reportType: type, reference: reference || null, reportedTo };
        const s = await status();
        let done = '';
        if (s === 'confirmed')
          await this.incidents.transition(id, 'acknowledge', actor, { em, comment: '随上报一并签收' });
        if (s === 'confirmed' || s === 'acknowledged') {
          // met here first so a 迟报 finding carries the 文号 and the addressee as evidence; the listener then finds it met
          await this.escalation.meetClock(em, {
            subjectKind: 'incident',
            subjectId: id,
            kind: 'first_report',
            at: this.clock.now(),
            actor,
            evidence: data,
          });
          await this.incidents.transition(id, 'report', actor, {
            em,
            data,
            comment: `报送：${reportedTo}${reference ? `，文号：${reference}` : ''}`,
          });
          done = '已记录向上级报告';
        } else if (type === 'phone') {
          return `事件当前状态为“${STATUS_LABELS[s] ?? s}”，首报此前已记录（未作更改）。`;
        }
        if (type === 'written') {
          const met = await this.escalation.meetClock(em, {
            subjectKind: 'incident',
            subjectId: id,
            kind: 'written_report',
            at: this.clock.now(),
            actor,
            evidence: data,
          });
          if (!done) {
            await insertIncidentEvents(
              em,
              [
                {
                  subjectId: id,
                  at: this.clock.now(),
                  action: 'written_report',
                  after: data,
                  comment: `书面报告：${reportedTo}，文号：${reference}`,
                },
              ],
              actor.label,
            );
          }
          done = done
            ? `${done}（书面报告，文号 ${reference}）`
            : met
              ? `已记录书面报告（文号 ${reference}）`
              : `已记录书面报告（文号 ${reference}；书面报告时限此前已结束）`;
        }
        return `${done}。`;
      }
      case 'review': {
        const reason = form.reason?.trim() ?? '';
        if (reason.length < 2 || reason.length > 2000)
          throw linkInput('请填写申请复核（误报）的理由（2–2000 字）');
        await this.subjects.get(link.subjectKind).recordEvents?.(em, [
          {
            subjectId: id,
            at: this.clock.now(),
            action: 'review_requested',
            after: { by: link.recipientEmail, reason },
            comment: `申请复核为误报：${reason}`,
          },
        ]);
        return '复核申请已提交，舆情监测岗将重新研判。研判结果出来前，各项时限仍在计时。';
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
