import * as iconv from 'iconv-lite';
import {
  canonicalCharset,
  charsetFromContentType,
  charsetFromXmlDeclaration,
  decodeFeedText,
  detectCharset,
  stripIllegalXmlChars,
} from './charset';

const xml = (encoding: string | null, body = '<rss><t>税务局</t></rss>') =>
  `${encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : ''}${body}`;

describe('charset detection order: BOM → header → XML declaration → valid UTF-8 → GB18030', () => {
  it('lets a BOM win over everything', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml('gbk'))]);
    expect(detectCharset(body, 'text/xml; charset=big5')).toEqual({ charset: 'utf-8', source: 'bom' });
    expect(decodeFeedText(body, 'text/xml; charset=big5').text).toBe(xml('gbk'));
  });

  it('decodes UTF-16 with a BOM', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml('utf-16'), 'utf16le')]);
    expect(decodeFeedText(body, null)).toMatchObject({
      text: xml('utf-16'),
      charset: 'utf-16le',
      source: 'bom',
    });
  });

  it('prefers the HTTP header over the XML declaration', () => {
    const body = iconv.encode(xml('utf-8'), 'gbk');
    expect(decodeFeedText(body, 'application/rss+xml; charset="GBK"')).toMatchObject({
      text: xml('utf-8'),
      charset: 'gb18030',
      source: 'header',
    });
  });

  it('uses the XML declaration when the header has no charset, allowing leading whitespace', () => {
    const body = iconv.encode(`\n  ${xml('GB2312')}`, 'gb2312');
    expect(decodeFeedText(body, 'text/xml')).toMatchObject({ text: `\n  ${xml('GB2312')}`, source: 'xml' });
  });

  it('decodes Big5 (as Big5-HKSCS, its superset)', () => {
    const body = iconv.encode(xml(null, '<t>臺灣財政部賦稅署</t>'), 'big5');
    expect(decodeFeedText(body, 'text/xml; charset=big5')).toMatchObject({
      text: xml(null, '<t>臺灣財政部賦稅署</t>'),
      charset: 'big5hkscs',
    });
  });

  it('ignores unknown labels and UTF-16 labels on ASCII-looking bytes, then checks UTF-8 validity', () => {
    const body = Buffer.from(xml('utf-16'));
    expect(detectCharset(body, 'text/xml; charset=x-unknown')).toEqual({ charset: 'utf-8', source: 'utf8' });
  });

  it('falls back to GB18030 for undeclared bytes that are not UTF-8', () => {
    const body = iconv.encode(xml(null, '<t>国家税务总局关于个人所得税综合所得汇算清缴的公告</t>'), 'gbk');
    expect(decodeFeedText(body, null)).toMatchObject({
      text: xml(null, '<t>国家税务总局关于个人所得税综合所得汇算清缴的公告</t>'),
      charset: 'gb18030',
      source: 'fallback',
    });
  });

  it('keeps GB18030 for a Chinese body with one summary cut in the middle of a character', () => {
    const text = '纳税人反映办税服务厅排队时间过长，'.repeat(20);
    const body = Buffer.concat([
      iconv.encode(`<t>${text}</t><s>`, 'gbk'),
      Buffer.from([0xb0]),
      Buffer.from('</s>'),
    ]);
    expect(decodeFeedText(body, null)).toMatchObject({ charset: 'gb18030', source: 'fallback' });
    expect(decodeFeedText(body, null).text).toContain(text);
  });

  it('uses Windows-1252 instead when the GB18030 guess produces invalid sequences (undeclared Latin-1)', () => {
    const body = iconv.encode(xml(null, '<t>Últimas Notícias: simulações de 2º turno</t>'), 'latin1');
    expect(decodeFeedText(body, null)).toMatchObject({
      text: xml(null, '<t>Últimas Notícias: simulações de 2º turno</t>'),
      charset: 'windows-1252',
    });
  });

  it('strips characters XML 1.0 forbids (controls, lone surrogates, U+FFFE) and keeps astral ones', () => {
    expect(stripIllegalXmlChars('a\u0000b\u0001c\u000bd\ud800e\ufffef\u{1F600}\t\n')).toBe(
      'abcdef\u{1F600}\t\n',
    );
    expect(decodeFeedText(Buffer.from('<t>x\u0008y</t>'), null).text).toBe('<t>xy</t>');
  });
});

describe('a UTF-8 declaration the bytes contradict (GBK served as text/xml; charset=utf-8)', () => {
  const title = '<t>纳税人投诉某区税务局办税服务厅拒收材料</t>';

  it('reads the XML declaration instead, and says the header was wrong', () => {
    const body = iconv.encode(xml('GBK', title), 'gbk');
    expect(decodeFeedText(body, 'text/xml; charset=utf-8')).toEqual({
      text: xml('GBK', title),
      charset: 'gb18030',
      source: 'xml',
      note: 'Content-Type declared UTF-8 but the bytes are not UTF-8; decoded as gb18030',
    });
  });

  it('falls back to GB18030 when the XML declaration says UTF-8 too, or there is none', () => {
    for (const declared of ['utf-8', null]) {
      const body = iconv.encode(xml(declared, title), 'gbk');
      const decoded = decodeFeedText(body, 'application/rss+xml; charset=UTF-8');
      expect(decoded).toMatchObject({ text: xml(declared, title), charset: 'gb18030', source: 'fallback' });
      expect(decoded.note).toMatch(
        declared ? /^Content-Type and XML declaration declared UTF-8/ : /^Content-Type/,
      );
    }
    const onlyXml = decodeFeedText(iconv.encode(xml('utf-8', title), 'gbk'), null);
    expect(onlyXml).toMatchObject({ text: xml('utf-8', title), source: 'fallback' });
    expect(onlyXml.note).toMatch(/^XML declaration declared UTF-8/);
  });

  it('keeps UTF-8 for a real UTF-8 feed with one character cut in the middle, with no note', () => {
    const text = '纳税人反映办税服务厅排队时间过长，'.repeat(5);
    const body = Buffer.concat([
      Buffer.from(`<t>${text}</t><s>`),
      Buffer.from('税').subarray(0, 2),
      Buffer.from('</s>'),
    ]);
    expect(decodeFeedText(body, 'text/xml; charset=utf-8')).toMatchObject({
      charset: 'utf-8',
      source: 'header',
      note: null,
    });
    expect(decodeFeedText(body, 'text/xml; charset=utf-8').text).toContain(text);
  });

  it('leaves valid UTF-8 and other declared charsets alone', () => {
    expect(detectCharset(Buffer.from(xml('gbk', title)), 'text/xml; charset=utf-8')).toEqual({
      charset: 'utf-8',
      source: 'header',
    });
    expect(detectCharset(iconv.encode(xml('utf-8', title), 'gbk'), 'text/xml; charset=gbk')).toEqual({
      charset: 'gb18030',
      source: 'header',
    });
  });
});

describe('charset helpers', () => {
  it.each([
    ['text/xml; charset=GB2312', 'GB2312'],
    ['text/xml;charset="utf-8"', 'utf-8'],
    ['application/rss+xml', null],
    [null, null],
  ])('charsetFromContentType(%j) = %j', (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });

  it('reads only a real XML declaration', () => {
    expect(charsetFromXmlDeclaration(Buffer.from(`<?xml version='1.0' encoding='Big5'?><rss/>`))).toBe(
      'Big5',
    );
    expect(charsetFromXmlDeclaration(Buffer.from('<rss><p>encoding="gbk"</p></rss>'))).toBeNull();
  });

  it.each([
    ['GBK', 'gb18030'],
    ['gb2312', 'gb18030'],
    ['BIG5', 'big5hkscs'],
    ['UTF8', 'utf-8'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['no-such-charset', null],
    ['', null],
  ])('canonicalCharset(%j) = %j', (label, expected) => {
    expect(canonicalCharset(label)).toBe(expected);
  });
});

describe('a Latin-1 declaration over bytes that are UTF-8 (a Western CMS template over Chinese text)', () => {
  const title = '<t>某市税务局工作人员态度恶劣</t>';

  it('decodes as UTF-8 and says which declaration was wrong', () => {
    for (const declared of ['ISO-8859-1', 'windows-1252', 'latin1', 'US-ASCII']) {
      const decoded = decodeFeedText(Buffer.from(xml(declared, title)), 'application/rss+xml');
      expect(decoded).toEqual({
        text: xml(declared, title),
        charset: 'utf-8',
        source: 'utf8',
        note: `XML declaration declared ${declared.toUpperCase()} but the bytes are UTF-8; decoded as utf-8`,
      });
    }
    const header = decodeFeedText(Buffer.from(xml(null, title)), 'text/xml; charset=iso-8859-1');
    expect(header).toMatchObject({ text: xml(null, title), charset: 'utf-8' });
    expect(header.note).toMatch(/^Content-Type declared ISO-8859-1 but the bytes are UTF-8/);
  });

  it('keeps real Latin-1 (invalid as UTF-8) and pure ASCII as declared, with no note', () => {
    const latin = iconv.encode(xml('ISO-8859-1', '<t>Últimas Notícias</t>'), 'latin1');
    expect(decodeFeedText(latin, null)).toMatchObject({
      text: xml('ISO-8859-1', '<t>Últimas Notícias</t>'),
      charset: 'iso-8859-1',
      source: 'xml',
      note: null,
    });
    expect(decodeFeedText(Buffer.from(xml('ISO-8859-1', '<t>plain</t>')), null)).toMatchObject({
      charset: 'iso-8859-1',
      note: null,
    });
  });
});
