import { defaultPolicy, POLICY_KEYS } from './escalation-policy';
import { parsePolicyForm, policyToForm, readPolicyForm } from './escalation-policy.form';

/** The form as a browser posts it: Express (qs) turns `a[b][c]` names into nested objects of strings. */
function posted(key: (typeof POLICY_KEYS)[number]) {
  const f = policyToForm(key, defaultPolicy(key));
  return {
    calendar: f.calendar,
    notifyAtStart: f.notifyAtStart,
    missedGraceMinutes: f.missedGraceMinutes,
    clocks: Object.fromEntries(
      Object.entries(f.clocks).map(([kind, c]) => [
        kind,
        {
          ...(c.on ? { on: '1' } : {}),
          length: c.length,
          unit: c.unit,
          anchor: c.anchor,
          calendar: c.calendar,
          repeat: c.repeat,
          repeatEveryMinutes: c.repeatEveryMinutes,
          // a spare row left empty (no roles ticked) comes after the real steps
          steps: Object.fromEntries(
            [...c.steps, { up: '1', delayMinutes: '0', roles: [] }].map((s, i) => [String(i), s]),
          ),
        },
      ]),
    ),
  };
}

describe('the Chinese policy form', () => {
  it.each(POLICY_KEYS)('reads back every default policy unchanged (%s)', (key) => {
    const { policy, errors } = parsePolicyForm(key, readPolicyForm(key, posted(key)));
    expect(errors).toEqual([]);
    expect(policy).toEqual(defaultPolicy(key));
  });

  it('drops a clock that is switched off and takes a new step and a changed length', () => {
    const body = posted('II');
    delete (body.clocks.response_followup as { on?: string }).on;
    body.clocks.acknowledge.length = '20';
    body.clocks.acknowledge.steps['4'] = { up: '4', delayMinutes: '10', roles: ['office'] };
    const { policy } = parsePolicyForm('II', readPolicyForm('II', body));
    expect(policy!.clocks.map((c) => c.kind)).toEqual([
      'acknowledge',
      'first_report',
      'written_report',
      'response',
    ]);
    expect(policy!.clocks[0].minutes).toBe(20);
    expect(policy!.clocks[0].steps.at(-1)).toEqual({ up: 4, delayMinutes: 10, roles: ['office'] });
  });

  it('names each wrong field in Chinese', () => {
    const body = posted('III');
    body.missedGraceMinutes = '-5';
    body.clocks.acknowledge.length = '0';
    body.clocks.first_report.steps['1'].delayMinutes = '一小时';
    body.clocks.first_report.repeat = '2';
    body.clocks.first_report.repeatEveryMinutes = '';
    const { policy, errors } = parsePolicyForm('III', readPolicyForm('III', body));
    expect(policy).toBeNull();
    expect(errors).toEqual([
      { field: 'missedGraceMinutes', message: '漏报认定宽限：请填写 0–10080 之间的整数（分钟）' },
      { field: 'clocks[acknowledge][length]', message: '签收时限 · 时长：请填写 1–43200 分钟之间的整数' },
      {
        field: 'clocks[first_report][repeatEveryMinutes]',
        message: '首报（向上级报告）时限 · 重复间隔：设置了重复提醒时请填写 1–10080 分钟',
      },
      {
        field: 'clocks[first_report][steps][1][delayMinutes]',
        message: '首报（向上级报告）时限 · 第 2 步 · 延迟：请填写 0–10080 之间的整数（分钟）',
      },
    ]);
  });

  it('refuses roles that do not exist', () => {
    const body = posted('IV');
    body.notifyAtStart = ['head', 'mayor'];
    const { errors } = parsePolicyForm('IV', readPolicyForm('IV', body));
    expect(errors).toEqual([{ field: 'notifyAtStart', message: '启动时通知：角色无效' }]);
  });
});
