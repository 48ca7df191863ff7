import { escapeHtml, html, joinHtml, raw, SafeHtml } from './html';

describe('html tagged template', () => {
  it('escapes interpolated strings, including quotes for attribute values', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    expect(html`<td title="${name}">${name}</td>`.toString()).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">' +
        '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</td>',
    );
  });

  it('does not escape nested templates or raw(), and renders arrays in order', () => {
    const rows = ['a<', 'b'].map((x) => html`<li>${x}</li>`);
    // Through an alias: Prettier reformats the markup inside templates tagged `html`, which would change the string.
    const tag = html;
    const out = tag`<ul>${rows}${raw('<li>c</li>')}</ul>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(`${out}`).toBe('<ul><li>a&lt;</li><li>b</li><li>c</li></ul>');
  });

  it('renders nothing for null, undefined and booleans, and numbers as text', () => {
    const none: string | null = null;
    expect(html`[${none}${undefined}${false}${true}${0}${12.5}]`.toString()).toBe('[012.5]');
    expect(html`${none && html`<b>x</b>`}`.toString()).toBe('');
  });

  it('joins fragments with an escaped separator', () => {
    expect(joinHtml(['a', html`<i>b</i>`], ' & ').toString()).toBe('a &amp; <i>b</i>');
    expect(escapeHtml('中文 "引号"')).toBe('中文 &quot;引号&quot;');
  });
});
