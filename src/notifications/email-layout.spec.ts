import { renderDigest } from './digest-mail';
import { callout, composeBody, keyValueTable, linkList, paragraph } from './email-blocks';
import { emailHtml, escapeHtml, safeUrl } from './email-html';
import { extractContent, extractTextContent, renderEmail } from './email-layout';

const hostile = `<script>alert("x")</script>&'`;

function sample() {
  const body = composeBody([
    paragraph(`标题：${hostile}`),
    keyValueTable([
      { label: '事件等级', value: 'Ⅱ级（较大）' },
      { label: '责任单位', value: `国家税务总局深圳市南山区税务局${hostile}` },
    ]),
    linkList([
      {
        title: `网帖${hostile}`,
        url: 'https://weibo.example.cn/p/1?a=1&b=2',
        meta: '微博 · 2026-11-02 09:05',
      },
    ]),
    callout('若 30 分钟内无人签收，将通知上级单位。', 'danger'),
  ]);
  return renderEmail({
    title: `Ⅱ级舆情事件 ${hostile}`,
    preheader: `请于 09:35 前签收 ${hostile}`,
    ...body,
    actions: [{ label: '签收', url: 'https://yq.example.cn/a/ack?t=abc&x=1' }],
    tone: 'danger',
  });
}

describe('renderEmail', () => {
  it('escapes every caller text in the HTML, including attributes of links', () => {
    const { html } = sample();
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).toContain('href="https://weibo.example.cn/p/1?a=1&amp;b=2"');
    expect(html).toContain('href="https://yq.example.cn/a/ack?t=abc&amp;x=1"');
  });

  it('is a self-contained, table-based Chinese document: no scripts, images, external styles or <style>', () => {
    const { html } = sample();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('role="presentation"');
    expect(html).not.toMatch(/<img|<link|<style|<script|@import|src=/i);
  });

  it('always has a plain-text alternative with the same content and the action URLs', () => {
    const { text } = sample();
    expect(text).toContain(`Ⅱ级舆情事件 ${hostile}`);
    expect(text).toContain('事件等级：Ⅱ级（较大）');
    expect(text).toContain('https://weibo.example.cn/p/1?a=1&b=2');
    expect(text).toContain('签收：https://yq.example.cn/a/ack?t=abc&x=1');
    expect(text).toContain('！若 30 分钟内无人签收，将通知上级单位。');
    expect(text).not.toMatch(/<(table|td|p|a|div|h1)[\s>]/i); // caller text stays verbatim, layout markup never leaks
  });

  it('refuses action links that are not http(s)', () => {
    expect(() =>
      renderEmail({
        title: 't',
        preheader: 'p',
        bodyHtml: '',
        bodyText: '',
        actions: [{ label: 'x', url: 'javascript:alert(1)' }],
      }),
    ).toThrow(/http/);
    expect(() => safeUrl('/relative')).toThrow();
  });

  it('marks its content so a digest can lift it out', () => {
    const { html } = sample();
    const content = extractContent(html)!;
    expect(content).toContain('事件等级');
    expect(content).toContain('签收');
    expect(content).not.toContain('<html');
    expect(extractContent('<p>foreign</p>')).toBeNull();
    expect(extractTextContent(sample().text)).toMatch(
      /^标题：[^]*签收：https:\/\/yq\.example\.cn\/a\/ack\?t=abc&x=1$/,
    );
    expect(extractTextContent('foreign text\n-- \nsig')).toBeNull();
  });

  it('emailHtml escapes interpolations but keeps nested EmailHtml and arrays', () => {
    const inner = emailHtml`<b>${'<i>'}</b>`;
    expect(emailHtml`<p>${inner}${['<', emailHtml`<br>`]}${null}${false}${3}</p>`.toString()).toBe(
      '<p><b>&lt;i&gt;</b>&lt;<br>3</p>',
    );
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('renderDigest', () => {
  it('carries every notice in full, with its action links, in HTML and text', () => {
    const a = sample();
    const items = [1, 2, 3].map((i) => ({
      subject: `【舆情哨】通知 ${i}`,
      createdAt: new Date(`2026-11-02T01:0${i}:00Z`),
      html: a.html.replace('Ⅱ级（较大）', `Ⅱ级-${i}`),
      text: `正文 ${i}`,
      attachments: [],
    }));
    items.push({
      subject: '外部通知',
      createdAt: new Date('2026-11-02T01:09:00Z'),
      html: '<p>x</p>',
      text: `纯文本 ${hostile}`,
      attachments: [],
    });
    const d = renderDigest(items);
    expect(d.subject).toBe('【舆情哨】4 条通知汇总：通知 1'); // equally urgent: the oldest
    for (const i of [1, 2, 3]) {
      expect(d.html).toContain(`Ⅱ级-${i}`);
      expect(d.text).toContain(`正文 ${i}`);
    }
    expect(d.html.match(/yq\.example\.cn\/a\/ack/g)!.length).toBeGreaterThanOrEqual(3);
    expect(d.html).toContain('2026-11-02 09:01');
    expect(d.html).not.toContain('<script');
    expect(d.html).toContain('纯文本 &lt;script&gt;');
    expect(d.html.match(/<html/g)!.length).toBe(1);
  });

  it('names the most urgent notice in its subject and lists notices most urgent first, then oldest first', () => {
    const item = (subject: string, minute: number, priority?: number) => ({
      subject: `【舆情哨】${subject}`,
      createdAt: new Date(`2026-11-02T01:0${minute}:00Z`),
      html: '<p>x</p>',
      text: `正文 ${subject}`,
      attachments: [],
      priority,
    });
    const d = renderDigest([
      item('Ⅳ级 一般舆情 甲', 1),
      item('Ⅲ级 较大舆情', 2, 2),
      item('Ⅳ级 一般舆情 乙', 3, 1),
      item('周报', 4, 0),
      item('Ⅳ级 一般舆情 丙', 5),
    ]);
    expect(d.subject).toBe('【舆情哨】5 条通知汇总：Ⅲ级 较大舆情');
    const order = ['Ⅲ级 较大舆情', 'Ⅳ级 一般舆情 甲', 'Ⅳ级 一般舆情 乙', 'Ⅳ级 一般舆情 丙', '周报'];
    const inText = order.map((s, i) => d.text.indexOf(`${i + 1}. 【舆情哨】${s}（`));
    expect(inText.every((p, i) => p > 0 && (i === 0 || p > inText[i - 1]))).toBe(true);
    const inHtml = order.map((s, i) => d.html.indexOf(`${i + 1}. 【舆情哨】${s}</td>`));
    expect(inHtml.every((p, i) => p > 0 && (i === 0 || p > inHtml[i - 1]))).toBe(true);
    // the index at the top follows the same order
    const index = order.map((s) => d.text.indexOf(s));
    expect(index.every((p, i) => i === 0 || p > index[i - 1])).toBe(true);
  });

  it('ends with the footer once, in HTML and text, however many notices it carries', () => {
    const footer = '此邮件由舆情哨系统自动发送，请勿直接回复。';
    const notice = (i: number) => {
      const m = renderEmail({
        title: `通知 ${i}`,
        preheader: 'p',
        bodyHtml: emailHtml`<p>正文 ${i}</p>`,
        bodyText: `正文 ${i}`,
        actions: [{ label: '签收', url: `https://yq.example.cn/a/ack?n=${i}` }],
      });
      return {
        subject: `【舆情哨】通知 ${i}`,
        createdAt: new Date('2026-11-02T01:00:00Z'),
        ...m,
        attachments: [],
      };
    };
    const d = renderDigest([notice(1), notice(2), notice(3)]);
    expect(d.text.split(footer)).toHaveLength(2);
    expect(d.html.split(footer)).toHaveLength(2);
    expect(d.text.match(/^-- $/gm)).toHaveLength(1);
    expect(d.text.trimEnd().endsWith('舆情哨 · 税务舆情监测与应急报告')).toBe(true);
    for (const i of [1, 2, 3]) {
      expect(d.text).toContain(`正文 ${i}`);
      expect(d.text).toContain(`签收：https://yq.example.cn/a/ack?n=${i}`); // each notice keeps its links
    }
  });
});
