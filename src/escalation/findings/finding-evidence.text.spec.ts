import { findingEvidenceText } from './finding-evidence.text';

// Evidence as it comes back from JSONB: instants are ISO strings (UTC); the sentence shows Beijing time.
describe('findingEvidenceText', () => {
  it('says which clock was late, its deadline, when it was met, by whom and how late', () => {
    expect(
      findingEvidenceText('late', {
        clockKind: 'first_report',
        dueAt: '2026-11-02T02:30:00.000Z',
        reportedAt: '2026-11-02T02:42:20.000Z',
        secondsLate: 740,
        minutesLate: 13,
        by: '李天河',
        reportType: 'written',
        reportedTo: '广州市税务局办公室',
        reference: '穗税函〔2026〕12号',
      }),
    ).toBe(
      '“首报（向上级报告）”时限截止于 2026-11-02 10:30，实际于 2026-11-02 10:42 由 李天河 完成，迟报 13 分钟。' +
        '书面报告，报送：广州市税务局办公室，文号：穗税函〔2026〕12号。',
    );
  });

  it('names a phone report as the 上报 form does, and an old row without its addressee by its kind alone', () => {
    const base = {
      clockKind: 'first_report',
      dueAt: '2026-11-02T02:30:00.000Z',
      reportedAt: '2026-11-02T02:40:00.000Z',
      minutesLate: 10,
      by: '李天河',
    };
    expect(findingEvidenceText('late', { ...base, reportType: 'phone', reportedTo: '市局办公室' })).toMatch(
      /迟报 10 分钟。电话\/口头首报，报送：市局办公室。$/,
    );
    expect(findingEvidenceText('late', { ...base, reportType: 'phone' })).toMatch(
      /迟报 10 分钟。电话\/口头首报。$/,
    );
    expect(
      findingEvidenceText('late', { ...base, reportType: 'written', reference: '穗税函〔2026〕3号' }),
    ).toMatch(/迟报 10 分钟。书面报告，文号：穗税函〔2026〕3号。$/);
  });

  it('keeps a manual completion short, with its comment', () => {
    expect(
      findingEvidenceText('late', {
        clockKind: 'written_report',
        dueAt: '2026-11-02T03:00:00.000Z',
        reportedAt: '2026-11-02T03:05:00.000Z',
        minutesLate: 5,
        by: '陈静',
        comment: '已电话补报',
      }),
    ).toBe(
      '“书面报告”时限截止于 2026-11-02 11:00，实际于 2026-11-02 11:05 由 陈静 完成，迟报 5 分钟。备注：已电话补报。',
    );
  });

  it('describes an omission with the grade, the deadline and when it was checked', () => {
    expect(
      findingEvidenceText('missed', {
        clockKind: 'first_report',
        grade: 'III',
        dueAt: '2026-11-02T04:00:00.000Z',
        checkedAt: '2026-11-02T05:00:00.000Z',
        clockStatus: 'missed',
      }),
    ).toBe(
      'Ⅲ级事件的“首报（向上级报告）”时限截止于 2026-11-02 12:00，至 2026-11-02 13:00 核查时仍未完成，认定漏报。',
    );
  });

  it('names who dismissed and who confirmed again for a concealment by dismissal', () => {
    expect(
      findingEvidenceText('concealed', {
        how: 'dismissed',
        dismissedAt: '2026-11-02T01:00:00.000Z',
        dismissedBy: '天河监测员',
        dismissReason: '误报',
        dismissComment: null,
        confirmedAt: '2026-11-02T06:00:00.000Z',
        confirmedBy: '省局王科长',
        confirmedByRelation: 'superior',
        grade: 'II',
        itemCount: 42,
        heat: 88.5,
      }),
    ).toBe(
      '本单位 天河监测员 于 2026-11-02 09:00 排除了该事件（理由：误报），后经 上级单位 省局王科长 于 2026-11-02 14:00 ' +
        '重新确认为Ⅱ级，认定瞒报。认定时共有相关报道 42 篇。',
    );
  });

  it('names the downgrade and the raise for a concealment by downgrade, the system as the spread evidence', () => {
    expect(
      findingEvidenceText('concealed', {
        how: 'downgraded',
        downgradedAt: '2026-11-02T01:00:00.000Z',
        downgradedBy: '天河监测员',
        downgradedFrom: 'II',
        downgradedTo: 'IV',
        downgradeReason: '影响有限',
        raisedAt: '2026-11-02T02:00:00.000Z',
        raisedBy: '系统',
        raisedByRelation: 'system',
        raisedTo: 'II',
      }),
    ).toBe(
      '本单位 天河监测员 于 2026-11-02 09:00 将事件由Ⅱ级降为Ⅳ级（理由：影响有限），后经 系统（依据传播情况） ' +
        '于 2026-11-02 10:00 升为Ⅱ级，认定瞒报。',
    );
  });

  it('says who confirmed and who dismissed for a suspected concealment', () => {
    expect(
      findingEvidenceText('suspected_concealment', {
        how: 'dismissed_after_confirmation',
        confirmedAt: '2026-11-02T00:10:00.000Z',
        confirmedBy: '系统',
        confirmedAutomatically: true,
        dismissedAt: '2026-11-02T00:40:00.000Z',
        dismissedBy: '天河监测员',
        dismissReason: '其他',
        dismissComment: '已线下处理',
        grade: 'I',
        itemCount: 7,
      }),
    ).toBe(
      '事件于 2026-11-02 08:10 已由系统依据传播情况自动确认为Ⅰ级，本单位 天河监测员 于 2026-11-02 08:40 将其排除' +
        '（理由：其他；已线下处理），列为疑似瞒报，待上级复核。认定时共有相关报道 7 篇。',
    );
  });

  it('never shows raw data for missing fields or an unknown kind', () => {
    expect(findingEvidenceText('missed', null)).toBe('办理时限已到期，核查时仍未完成，认定漏报。');
    expect(findingEvidenceText('something_new', { a: 1 })).toBe('记录，详见事件时间线。');
  });
});
