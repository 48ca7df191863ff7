import {
  chooseLanguage,
  collapseWhitespace,
  guessLanguage,
  htmlToText,
  normaliseAuthor,
  normaliseLanguage,
  normaliseLink,
} from './normalise';

describe('htmlToText', () => {
  it('removes tags, scripts, styles and comments, decodes entities and collapses whitespace', () => {
    const html = `<div class="c"><p>纳税人&nbsp;反映：</p><script>alert("x<p>")</script><style>p{color:red}</style>
      <!-- 注释 --><p>排队&hellip;两小时&#x3002;&lt;真的&gt; &amp; 无奈</p><br/>end</div>`;
    expect(htmlToText(html)).toBe('纳税人 反映： 排队…两小时。<真的> & 无奈 end');
  });

  it('separates block elements but not inline ones', () => {
    expect(htmlToText('<p>一</p><p>二</p>')).toBe('一 二');
    expect(htmlToText('税<b>务</b>局')).toBe('税务局');
  });

  it('strips markup that was escaped twice (HTML inside CDATA, escaped again)', () => {
    expect(htmlToText('&lt;p&gt;正文&lt;/p&gt;&lt;img src="a.png"&gt;')).toBe('正文');
  });

  it('keeps a lone < that is not a tag', () => {
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
  });

  it('handles null, empty and the ideographic space', () => {
    expect(htmlToText(null)).toBe('');
    expect(htmlToText('')).toBe('');
    expect(collapseWhitespace('\u3000\u3000段落\u00a0一\n\t二 ')).toBe('段落 一 二');
  });

  it('maps Windows-1252 numeric references and drops NUL references', () => {
    expect(htmlToText('a&#150;b&#0;c&#147;d&#148;')).toBe('a–bc“d”');
  });
});

describe('normaliseLink', () => {
  it.each([
    ['https://News.Example.CN:443/a/1.html#comments', null, 'https://news.example.cn/a/1.html'],
    ['http://ex.cn/a?utm_source=rss&id=3&UTM_Medium=x', null, 'http://ex.cn/a?id=3'],
    ['http://ex.cn/a?utm_source=rss', null, 'http://ex.cn/a'],
    ['http://ex.cn/a?q=%E7%A8%8E%20x&b=1', null, 'http://ex.cn/a?q=%E7%A8%8E%20x&b=1'],
    ['/news/2.html', 'https://ex.cn/feed.xml', 'https://ex.cn/news/2.html'],
    ['detail?id=1', 'https://ex.cn/rss/index.xml', 'https://ex.cn/rss/detail?id=1'],
    ['  https://ex.cn/x  ', null, 'https://ex.cn/x'],
    ['https://ex.cn/#/article/123', null, 'https://ex.cn/#/article/123'], // hash routing is the path
    ['https://ex.cn/#!/post/9', null, 'https://ex.cn/#!/post/9'],
    ['javascript:void(0)', 'https://ex.cn/', null],
    ['mailto:a@b.cn', null, null],
    ['/relative-without-base', null, null],
    ['', null, null],
    [null, null, null],
  ])('%j (base %j) → %j', (raw, base, expected) => {
    expect(normaliseLink(raw, base)).toBe(expected);
  });

  it('gives one spelling for the same article reached through a tracking link', () => {
    expect(normaliseLink('https://EX.cn/a?id=1&utm_campaign=z#top')).toBe(
      normaliseLink('https://ex.cn/a?id=1'),
    );
  });
});

describe('authors and languages', () => {
  it.each([
    ['editor@example.cn (王小明)', '王小明'],
    ['  记者 &amp; 编辑  ', '记者 & 编辑'],
    ['mailto:news@ex.cn', 'news@ex.cn'],
    ['', null],
    [null, null],
  ])('normaliseAuthor(%j) = %j', (raw, expected) => {
    expect(normaliseAuthor(raw)).toBe(expected);
  });

  it.each([
    ['zh-CN', 'zh'],
    ['zh_cn', 'zh'],
    ['EN-us', 'en'],
    ['en', 'en'],
    ['中文', null],
    ['', null],
  ])('normaliseLanguage(%j) = %j', (raw, expected) => {
    expect(normaliseLanguage(raw)).toBe(expected);
  });

  it('guesses zh from the CJK ratio, en from Latin text, null from nothing', () => {
    expect(guessLanguage('某区税务局办税服务厅 App 系统崩溃，VAT 发票开不出来')).toBe('zh');
    expect(guessLanguage('The tax bureau of 深圳 announced new rules for online filing today')).toBe('en');
    expect(guessLanguage('12345 !!! ...')).toBeNull();
  });

  it('trusts the declared language unless it says en (or nothing) over clearly Chinese text', () => {
    expect(chooseLanguage('en', '税务局服务态度太差了')).toBe('zh'); // RSSHub's default <language>en</language>
    expect(chooseLanguage('zh-TW', '稅務局')).toBe('zh');
    expect(chooseLanguage('ja', '国税庁の発表')).toBe('ja');
    expect(chooseLanguage(null, 'plain english text')).toBe('en');
    expect(chooseLanguage('en', 'plain english text')).toBe('en');
  });
});
