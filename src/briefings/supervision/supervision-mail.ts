import { callout, composeBody, keyValueTable, paragraph } from '../../notifications/email-blocks';
import { renderEmail, RenderedEmail } from '../../notifications/email-layout';
import { formatShanghai, formatShanghaiLong } from '../../notifications/time-format';
import { SupervisionMatter } from './supervision.types';

/** The notice to the responsible unit that a matter is opened (督办通知); reminders then come from the engine. */
export function supervisionNoticeEmail(
  m: SupervisionMatter,
  baseUrl: string,
): RenderedEmail & { subject: string } {
  const subject = `【督办通知】${m.title}`;
  return {
    subject,
    ...renderEmail({
      title: m.title,
      preheader: `${m.issuerName}督办，请于 ${formatShanghai(new Date(m.dueAt))} 前报送办理情况`,
      ...composeBody([
        paragraph(`${m.bureauName}：${m.issuerName}对以下事项进行督办。`),
        keyValueTable([
          { label: '督办要求', value: m.instruction },
          ...(m.requiredReport ? [{ label: '报送要求', value: m.requiredReport }] : []),
          { label: '办理时限', value: formatShanghaiLong(new Date(m.dueAt)) },
        ]),
        callout(
          '请在时限前登录系统报送办理情况；逾期将逐级提醒并记为迟报。确需延期的，请在提醒邮件中申请延期。',
          'warning',
        ),
      ]),
      actions: [{ label: '查看并报送', url: `${baseUrl.replace(/\/$/, '')}/console/supervision/${m.id}` }],
      tone: 'warning',
    }),
  };
}
