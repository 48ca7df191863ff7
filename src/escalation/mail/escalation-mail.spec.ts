import type { SubjectDescription } from '../engine/clock-subjects';
import { deadlineText, renderNotice } from './escalation-mail';
import { renderStatusNote } from './escalation-status-mail';
import type { ReportEvidence } from '../../incidents/triage/report-form';
import type { Recipient } from '../escalation.types';

const now = new Date('2026-11-02T02:00:00Z'); // 10:00 Shanghai
const subject: SubjectDescription = {
  title: '天河区办税服务厅排队<三小时>',
  bureauCode: '440106',
  summaryHtml: '<p>摘要</p>',
  summaryText: '摘要',
  consoleUrl: 'https://yq.example.cn/console/escalation/incidents/7',
  label: 'Ⅱ级 重大舆情',
  tone: 'danger',
};
const cityHead: Recipient = {
  name: '王局',
  email: 'head@4401.cn',
  role: 'head',
  bureauCode: '4401',
  bureauName: '国家税务总局广州市税务局',
};
const clocks = [
  { kind: 'acknowledge' as const, dueAt: new Date('2026-11-02T01:45:00Z'), status: 'missed' as const },
  { kind: 'first_report' as const, dueAt: new Date('2026-11-02T02:20:00Z'), status: 'running' as const },
  {
    kind: 'written_report' as const,
    dueAt: new Date('2026-11-02T02:50:00Z'),
    status: 'met' as const,
    metAt: new Date('2026-11-02T01:50:00Z'),
  },
];

describe('escalation mails', () => {
  it('a supervision notice to a superior bureau names the unit, the overdue deadline and what happens next', () => {
    const m = renderNotice({
      reason: 'step',
      subject,
      recipient: cityHead,
      now,
      clocks,
      trigger: {
        clockKind: 'acknowledge',
        dueAt: clocks[0].dueAt,
        up: 1,
        responsibleBureauName: '国家税务总局广州市天河区税务局',
      },
      next: {
        at: new Date('2026-11-02T02:15:00Z'),
        clockKind: 'acknowledge',
        bureauName: '国家税务总局广东省税务局',
        roles: ['head', 'liaison'],
      },
      actions: [],
    });
    expect(m.subject).toBe(
      '【舆情哨】【督办】国家税务总局广州市天河区税务局「签收」已超时：Ⅱ级 重大舆情｜天河区办税服务厅排队<三小时>',
    );
    expect(m.text).toContain(
      '下级单位 国家税务总局广州市天河区税务局 的「签收」时限已于 2026-11-02 09:45 到期',
    );
    expect(m.text).toContain('签收：2026-11-02 09:45（已超时 15 分）');
    expect(m.text).toContain('首报（向上级报告）：2026-11-02 10:20（还剩 20 分）');
    expect(m.text).toContain('书面报告：已完成（2026-11-02 09:50）');
    expect(m.text).toContain(
      '系统将于 2026-11-02 10:15（15 分后）通知 国家税务总局广东省税务局 主要负责人、舆情联络员',
    );
    expect(m.html).toContain('天河区办税服务厅排队&lt;三小时&gt;'); // escaped in the HTML
    expect(m.html).not.toContain('操作链接');
  });

  it('the unit’s own reminder carries its action buttons; the last step says what is recorded', () => {
    const m = renderNotice({
      reason: 'repeat',
      subject,
      recipient: { ...cityHead, role: 'deputy' },
      now,
      clocks,
      trigger: { clockKind: 'first_report', dueAt: clocks[1].dueAt, up: 0, responsibleBureauName: 'x' },
      next: null,
      actions: [{ label: '已上报', url: 'https://yq.example.cn/links/abc' }],
    });
    expect(m.subject).toMatch(/^【舆情哨】【再次提醒】「首报（向上级报告）」已超时：/);
    expect(m.text).toContain('已上报：https://yq.example.cn/links/abc');
    expect(m.text).toContain('计入迟报、漏报统计');
  });

  it('deadline texts', () => {
    expect(
      deadlineText({ kind: 'response', dueAt: new Date('2026-11-02T07:00:00Z'), status: 'running' }, now),
    ).toBe('2026-11-02 15:00（还剩 5 小时）');
    expect(deadlineText({ kind: 'response', dueAt: now, status: 'cancelled' }, now)).toBe('已取消');
  });

  it('the acknowledged note is short and says who acknowledged, in a grammatical sentence', () => {
    const m = renderStatusNote({
      status: 'acknowledged',
      subject,
      recipient: cityHead,
      at: now,
      by: '南山局长（head440305）',
      clocks: [{ kind: 'acknowledge', status: 'met' }],
    });
    expect(m.subject).toBe('【舆情哨】已签收：Ⅱ级 重大舆情｜天河区办税服务厅排队<三小时>');
    expect(m.text).toContain('南山局长（head440305）已于 2026-11-02 10:00 签收。');
    expect(m.text).not.toContain('已签收。');
    // a grade Ⅳ incident has only the 签收 clock: nothing else is said to be running
    expect(m.text).toContain('本事件已无进行中的时限。');
    expect(m.text).not.toMatch(/上报|书面报告|回应/);
  });

  it('notes and first notices name only the clocks the incident has (issue: grade Ⅲ/Ⅳ wording)', () => {
    const gradeIII = [
      { kind: 'acknowledge' as const, status: 'met' as const },
      { kind: 'first_report' as const, status: 'met' as const },
      { kind: 'response' as const, status: 'running' as const },
    ];
    const note = renderStatusNote({
      status: 'reported',
      subject,
      recipient: cityHead,
      at: now,
      by: '张三',
      clocks: gradeIII,
    });
    expect(note.text).toContain('后续「权威信息发布（回应）」时限仍在计时');
    expect(note.text).not.toContain('书面报告');
    const dueAt = new Date('2026-11-03T09:30:00Z');
    const start = (clocks: { kind: 'acknowledge' | 'first_report' | 'response'; status: 'running' }[]) =>
      renderNotice({
        reason: 'start',
        subject,
        recipient: cityHead,
        now,
        clocks: clocks.map((c) => ({ ...c, dueAt })),
        next: null,
        actions: [],
      }).text;
    const gradeIV = start([{ kind: 'acknowledge', status: 'running' }]);
    expect(gradeIV).toContain('您单位有一起舆情事件需要处置，请立即签收。');
    expect(gradeIV).not.toMatch(/向上级报告|权威信息/);
    expect(
      start([
        { kind: 'acknowledge', status: 'running' },
        { kind: 'first_report', status: 'running' },
        { kind: 'response', status: 'running' },
      ]),
    ).toContain('请立即签收，并在下列时限内向上级报告（首报）、发布权威信息（回应）。');
  });

  it('composed after downtime: a step time already past is never announced as 即将, and the delay is stated', () => {
    const m = renderNotice({
      reason: 'step',
      subject,
      recipient: cityHead,
      now,
      clocks,
      trigger: {
        clockKind: 'acknowledge',
        dueAt: clocks[0].dueAt,
        up: 1,
        responsibleBureauName: '国家税务总局广州市天河区税务局',
        plannedAt: new Date('2026-11-02T01:30:00Z'),
      },
      next: {
        at: new Date('2026-11-02T01:45:00Z'),
        clockKind: 'acknowledge',
        bureauName: '国家税务总局广东省税务局',
        roles: ['head', 'liaison'],
      },
      actions: [],
    });
    expect(m.text).not.toContain('即将');
    expect(m.text).not.toContain('系统将于');
    expect(m.text).toContain('已于 2026-11-02 09:45 到达升级时间，系统现一并通知 国家税务总局广东省税务局');
    expect(m.text).toContain('本提醒原定于 2026-11-02 09:30 发出，因系统中断延至 2026-11-02 10:00 发出');
    expect(m.text).toContain('办理时限（截至 2026-11-02 10:00）');
  });

  it('the note after 已上报 names the report, not an acknowledgement', () => {
    const m = renderStatusNote({
      status: 'reported',
      subject,
      recipient: cityHead,
      at: now,
      by: '张三',
      clocks: [
        { kind: 'first_report', status: 'met' },
        { kind: 'written_report', status: 'running' },
      ],
    });
    expect(m.subject).toBe('【舆情哨】已上报：Ⅱ级 重大舆情｜天河区办税服务厅排队<三小时>');
    expect(m.text).toContain('张三已于 2026-11-02 10:00 向上级报告');
    expect(m.text).toContain('后续「书面报告」时限仍在计时');
    expect(m.text).not.toContain('已签收');
  });

  it('the note after 已上报 says how, to whom and under which 文号 the report went (report-form.ts line)', () => {
    const note = (report?: ReportEvidence) =>
      renderStatusNote({
        status: 'reported',
        subject,
        recipient: cityHead,
        at: now,
        by: '张三',
        clocks: [{ kind: 'first_report', status: 'met' }],
        report,
      });
    const written = note({
      reportType: 'written',
      reportedTo: '区委<办>',
      reference: '穗天税发〔2026〕21号',
    });
    expect(written.text).toContain('报告情况：书面报告，报送：区委<办>，文号：穗天税发〔2026〕21号');
    expect(written.html).toContain('书面报告，报送：区委&lt;办&gt;，文号：穗天税发〔2026〕21号');
    const phone = note({ reportType: 'phone', reportedTo: '广州市税务局办公室', reference: null });
    expect(phone.text).toContain('报告情况：电话/口头首报，报送：广州市税务局办公室\n');
    expect(note().text).not.toContain('报告情况'); // a report recorded without its form says nothing made up
  });
});
