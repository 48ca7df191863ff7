import type { SubjectDescription } from '../engine/clock-subjects';
import { renderUnreachedAlert } from './escalation-alert-mail';

const now = new Date('2026-11-02T02:00:00Z'); // 10:00 Shanghai
const subject: SubjectDescription = {
  title: '浈江区办税服务厅排队',
  bureauCode: '440204',
  summaryHtml: '<p>摘要</p>',
  summaryText: '摘要',
  consoleUrl: 'https://yq.example.cn/console/escalation/incidents/9',
  label: 'Ⅱ级 重大舆情',
  tone: 'danger',
};
const hqOffice = {
  name: '办公室',
  email: 'office@00.cn',
  role: 'office' as const,
  bureauCode: '00',
  bureauName: '国家税务总局',
};

describe('unreached alert', () => {
  it('names the bureau and roles nobody could reach, the deadline, and asks for the contacts', () => {
    const m = renderUnreachedAlert({
      notice: {
        bureauName: '国家税务总局韶关市浈江区税务局',
        roles: ['deputy', 'office'],
        clockKind: 'acknowledge',
        dueAt: new Date('2026-11-02T01:45:00Z'),
        plannedAt: new Date('2026-11-02T01:45:00Z'),
        kept: false,
      },
      subject,
      recipient: hqOffice,
      now,
      clocks: [{ kind: 'acknowledge', dueAt: new Date('2026-11-02T01:45:00Z'), status: 'missed' }],
    });
    expect(m.subject).toBe(
      '【舆情哨】【无人接收】国家税务总局韶关市浈江区税务局「签收」通知无人可送达：Ⅱ级 重大舆情｜浈江区办税服务厅排队',
    );
    expect(m.text).toContain(
      '系统应于 2026-11-02 09:45 通知 国家税务总局韶关市浈江区税务局 分管领导、办公室',
    );
    expect(m.text).toContain('「签收」时限已于 2026-11-02 09:45 到期');
    expect(m.text).toContain('签收：2026-11-02 09:45（已超时 15 分）');
    expect(m.text).toContain('补录联系人；补录后，后续提醒将直接送达该单位');
  });

  it('a kept first notice promises to be re-sent', () => {
    const m = renderUnreachedAlert({
      notice: {
        bureauName: '国家税务总局韶关市浈江区税务局',
        roles: ['head', 'liaison'],
        clockKind: null,
        dueAt: null,
        plannedAt: now,
        kept: true,
      },
      subject,
      recipient: hqOffice,
      now,
      clocks: [],
    });
    expect(m.subject).toContain('「首次通知」通知无人可送达');
    expect(m.text).toContain('补录后，系统将向其补发本通知');
  });
});
