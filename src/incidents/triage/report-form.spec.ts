import { readReportForm, reportLine } from './report-form';

describe('the 上报 form', () => {
  it('reads a written report into its evidence and line', () => {
    const r = readReportForm({
      reportType: 'written',
      reportedTo: ' 区委办公室 ',
      reference: '粤税舆〔2026〕12号',
    });
    expect(r).toEqual({
      evidence: { reportType: 'written', reportedTo: '区委办公室', reference: '粤税舆〔2026〕12号' },
    });
    if ('evidence' in r)
      expect(reportLine(r.evidence)).toBe('书面报告，报送：区委办公室，文号：粤税舆〔2026〕12号');
  });

  it('keeps what was typed on one line: a newline in the addressee would break the timeline line and the mail row', () => {
    const r = readReportForm({ reportType: 'phone', reportedTo: '市局\r\n办公室\t值班室', reference: '' });
    expect(r).toEqual({
      evidence: { reportType: 'phone', reportedTo: '市局 办公室 值班室', reference: null },
    });
  });

  it('names what is missing: how, to whom, the 文号 of a written report', () => {
    expect(readReportForm({ reportedTo: 'x' })).toEqual({ problem: expect.stringContaining('报告方式') });
    expect(readReportForm({ reportType: 'phone', reportedTo: '  \n ' })).toEqual({
      problem: expect.stringContaining('报送对象'),
    });
    expect(readReportForm({ reportType: 'written', reportedTo: '区委' })).toEqual({
      problem: expect.stringContaining('文号'),
    });
  });
});
