import { highlightEvidence, mergeRanges } from './incident-evidence';

describe('evidence highlighting', () => {
  it('marks the offsets of title + "\\n" + text in both parts', () => {
    const title = '南山税务局排长队';
    const text = '纳税人排队三小时，态度冷漠';
    const full = `${title}\n${text}`;
    const start = full.indexOf('态度冷漠');
    const out = highlightEvidence(title, text, [
      { rule: 'target.authority', term: '南山税务局', start: 0, end: 5 },
      { rule: 'tone.negative', term: '态度冷漠', start, end: start + 4 },
    ]);
    expect(out.title.toString()).toBe(
      '<mark class="evidence" title="矛头指向税务机关">南山税务局</mark>排长队',
    );
    expect(out.text.toString()).toBe(
      '纳税人排队三小时，<mark class="evidence" title="负面表述">态度冷漠</mark>',
    );
  });

  it('merges overlaps, clips out-of-range offsets, ignores empty ranges and escapes everything', () => {
    expect(
      mergeRanges(
        [
          { rule: 'tone.negative', term: 'x', start: 2, end: 5 },
          { rule: 'target.complaint', term: 'y', start: 4, end: 8 },
          { rule: 'c', term: 'z', start: 9, end: 9 },
        ],
        100,
      ),
    ).toEqual([{ start: 2, end: 8, labels: ['负面表述', '投诉、举报用语'] }]);
    const out = highlightEvidence('<b>', 'x & y', [
      { rule: 'category.<t>', term: '<t>', start: 4, end: 999 },
    ]);
    expect(out.title.toString()).toBe('&lt;b&gt;');
    expect(out.text.toString()).toBe('<mark class="evidence" title="分类「&lt;t&gt;」">x &amp; y</mark>');
  });

  it('keeps UTF-16 offsets right across characters outside the BMP', () => {
    const text = '😡税务局';
    const out = highlightEvidence('', text, [{ rule: 'target.authority', term: '税务局', start: 3, end: 6 }]);
    expect(out.text.toString()).toBe('😡<mark class="evidence" title="矛头指向税务机关">税务局</mark>');
  });
});
