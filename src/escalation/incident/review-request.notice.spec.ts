import { renderReviewRequest } from './review-request.notice';

describe('申请复核 notice to the monitoring staff', () => {
  it('says who asked, why, and links to the incident page', () => {
    const m = renderReviewRequest(
      {
        incidentId: '7',
        subject: {
          title: '天河区办税服务厅排队<三小时>',
          bureauCode: '440106',
          summaryHtml: '<p>摘要</p>',
          summaryText: '摘要',
          consoleUrl: 'https://yq.example.cn/console/escalation/incidents/7',
          label: 'Ⅲ级 较大舆情',
        },
        by: {
          name: '王局',
          email: 'head@440106.cn',
          role: 'head',
          bureauName: '国家税务总局广州市天河区税务局',
        },
        reason: '帖子所述为外省事件，与本局无关',
        at: new Date('2026-11-02T02:00:00Z'),
        linkId: '1',
      },
      {
        name: '李联络',
        email: 'liaison@440106.cn',
        what: '舆情联络员',
        bureauName: 'x',
        bureauCode: '440106',
        role: 'liaison',
      },
      'https://yq.example.cn/console/incidents/7',
    );
    expect(m.subject).toBe('【舆情哨】申请复核：Ⅲ级 较大舆情｜天河区办税服务厅排队<三小时>');
    expect(m.text).toContain(
      '王局（国家税务总局广州市天河区税务局 主要负责人，head@440106.cn） 于 2026-11-02 10:00 通过邮件链接申请',
    );
    expect(m.text).toContain('帖子所述为外省事件，与本局无关');
    expect(m.text).toContain('https://yq.example.cn/console/incidents/7');
    expect(m.html).toContain('天河区办税服务厅排队&lt;三小时&gt;');
  });
});
