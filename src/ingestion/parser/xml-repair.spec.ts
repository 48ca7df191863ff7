import { FeedParseError } from './feed-parse-error';
import { DTD_REFUSED, looksLikeHtml, prepareXml, rootElementName } from './xml-repair';

describe('prepareXml', () => {
  it('escapes bare ampersands but keeps entity and character references', () => {
    expect(prepareXml('<a href="?x=1&y=2">AT&T &amp; &#38; &#x26; &lt;</a>')).toBe(
      '<a href="?x=1&amp;y=2">AT&amp;T &amp; &#38; &#x26; &lt;</a>',
    );
  });

  it('turns HTML named entities into numeric references and keeps unknown ones as text', () => {
    expect(prepareXml('<t>a&nbsp;b&mdash;c&hellip;&bogus;</t>')).toBe(
      '<t>a&#160;b&#8212;c&#8230;&amp;bogus;</t>',
    );
  });

  it('drops numeric references to characters XML forbids', () => {
    expect(prepareXml('<t>a&#0;b&#x1;c&#xD800;d&#9;</t>')).toBe('<t>abcd&#9;</t>');
  });

  it('leaves CDATA sections and comments untouched', () => {
    const xml = '<t><![CDATA[a & b &nbsp; <!ENTITY x "y">]]></t><!-- & <!ENTITY --><u>&</u>';
    expect(prepareXml(xml)).toBe(
      '<t><![CDATA[a & b &nbsp; <!ENTITY x "y">]]></t><!-- & <!ENTITY --><u>&amp;</u>',
    );
  });

  it('refuses internal DTD subsets and entity declarations (XML bombs), anywhere outside CDATA', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss>&lol2;</rss>';
    expect(() => prepareXml(bomb)).toThrow(new FeedParseError('parse', DTD_REFUSED));
    expect(() => prepareXml('<rss><!ENTITY x SYSTEM "file:///etc/passwd"></rss>')).toThrow(DTD_REFUSED);
    expect(() => prepareXml('<!DOCTYPE rss SYSTEM "http://evil/x.dtd" [ ]><rss/>')).toThrow(DTD_REFUSED);
  });

  it('accepts an external DOCTYPE without a subset (RSS 0.91) — nothing to expand, nothing fetched — and drops it', () => {
    const xml =
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>';
    // Dropped: it means nothing without its (never loaded) DTD, and sax would read a huge one char by char.
    expect(prepareXml(xml)).toBe('<rss/>');
  });

  it('cuts leading whitespace, a BOM, junk printed before the feed, and junk after the root element', () => {
    expect(prepareXml('\uFEFF \n <?xml version="1.0"?><rss/>')).toBe('<?xml version="1.0"?><rss/>');
    expect(
      prepareXml('Warning: something in /var/www/feed.php on line 3\n<?xml version="1.0"?><rss></rss>'),
    ).toBe('<?xml version="1.0"?><rss></rss>');
    expect(prepareXml('<rss><channel/></rss>\n<!-- 0.12s --><div>debug</div>')).toBe('<rss><channel/></rss>');
  });

  it('reports text that is neither XML nor a feed', () => {
    expect(() => prepareXml('Service Unavailable')).toThrow(
      new FeedParseError('not_feed', 'not a feed (neither XML nor JSON)'),
    );
  });
});

describe('root element and HTML detection', () => {
  it('finds the root past the declaration, comments and DOCTYPE', () => {
    expect(rootElementName('<?xml version="1.0"?>\n<!-- c --><!DOCTYPE rss><rss version="2.0">')).toBe('rss');
    expect(rootElementName('<rdf:RDF xmlns:rdf="x">')).toBe('rdf:RDF');
    expect(rootElementName('no markup')).toBeNull();
  });

  it.each([
    ['<!DOCTYPE html><html><body/></html>', true],
    ['\n<!doctype HTML>\n<html>', true],
    ['<html lang="zh-CN"><head><title>x</title></head></html>', true],
    ['<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', true],
    [
      '<?xml version="1.0"?><rss version="2.0"><channel><description><![CDATA[<html>]]></description></channel></rss>',
      false,
    ],
    ['<feed xmlns="http://www.w3.org/2005/Atom"/>', false],
  ])('looksLikeHtml(%j) = %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });
});
