import { liveKinds, stillRunningText, tasksText } from './clock-tasks';

describe('what a unit is told is still to do: from its clock rows, never by grade', () => {
  it('names only running or overdue clocks, once each, in order', () => {
    const clocks = [
      { kind: 'acknowledge' as const, status: 'met' as const },
      { kind: 'first_report' as const, status: 'missed' as const },
      { kind: 'written_report' as const, status: 'cancelled' as const },
      { kind: 'response' as const, status: 'running' as const },
    ];
    expect(liveKinds(clocks)).toEqual(['first_report', 'response']);
    expect(stillRunningText(clocks)).toBe('后续「首报（向上级报告）」「权威信息发布（回应）」时限仍在计时。');
    expect(tasksText(clocks)).toBe('请在下列时限内向上级报告（首报）、发布权威信息（回应）');
  });

  it('a grade Ⅳ incident (签收 only) is asked to acknowledge, nothing more', () => {
    expect(tasksText([{ kind: 'acknowledge', status: 'running' }])).toBe('请立即签收');
    expect(stillRunningText([{ kind: 'acknowledge', status: 'met' }])).toBe('本事件已无进行中的时限。');
  });
});
