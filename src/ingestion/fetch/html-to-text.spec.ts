import { monitorEventLoopDelay } from 'node:perf_hooks';
import { checkPushItem } from '../push-items';
import { parseFeedBytes } from './feed-parser';
import { htmlToText } from './normalise';
import { looksLikeHtml, prepareXml, rootElementName } from './xml-repair';

const KB = 1000;
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Hostile HTML of the kinds that made the old regular expressions backtrack (unclosed tags scanned to the end). */
const hostile: Record<string, string> = {
  'unclosed <p': fill('<p', 60 * KB),
  'unclosed <script': fill('<script ', 60 * KB),
  'unclosed <br': fill('<br', 60 * KB),
  'unclosed CDATA': fill('<![CDATA[<p', 60 * KB),
  'attribute soup': '<p ' + fill('a="b" c=\'<d\' ', 600 * KB),
  'drop elements never closed': fill('<svg><style x', 60 * KB),
  'escaped twice': fill('&lt;p &lt;div ', 60 * KB),
};

/** A 630 KB pushed item made of all of them, and an RSS feed whose one description is 300k characters. */
const pushedHtml = [
  '<p',
  '<script ',
  '<br',
  '<![CDATA[<p',
  ' a="b" c=\'<d\'',
  '<svg><style x',
  '&lt;p &lt;div ',
]
  .map((unit) => fill(unit, 90 * KB))
  .join('');
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
  <item><title>大描述</title><link>http://ex.cn/1</link><description><![CDATA[${fill('<p', 30 * KB)}${fill(
    '<b x="1" ',
    270 * KB,
  )}]]></description></item></channel></rss>`;

/**
 * The longest event-loop delay while any one of `work` runs: the histogram is reset before each item and read once
 * a timer after it has fired, so time spent between items (another worker's turn on a shared core) is not counted.
 */
async function maxEventLoopDelayMs(work: (() => unknown)[]): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  const tick = () => new Promise((r) => setTimeout(r, 12));
  let max = 0;
  h.enable();
  for (const w of work) {
    await tick();
    h.reset();
    await w();
    await tick();
    max = Math.max(max, h.max / 1e6);
  }
  h.disable();
  return max;
}

describe('issue 12 point 2: htmlToText is linear on hostile input', () => {
  it('no hostile item holds the event loop 100 ms (monitorEventLoopDelay)', async () => {
    expect(pushedHtml.length).toBeGreaterThanOrEqual(600 * KB);
    const results: string[] = [];
    const delay = await maxEventLoopDelayMs([
      ...Object.values(hostile).map((html) => () => results.push(htmlToText(html))),
      () =>
        results.push(
          String(checkPushItem({ id: 'big', title: 't', html: pushedHtml }, 0, new Date()).item?.text),
        ),
      async () => results.push((await parseFeedBytes(Buffer.from(rss), null)).items[0].text),
    ]);
    console.log(
      `issue 12 point 2: max event-loop delay ${delay.toFixed(1)} ms over ${results.length} inputs`,
    );
    expect(delay).toBeLessThan(100);
    expect(results.every((r) => typeof r === 'string')).toBe(true);
  }, 600_000);

  it('feed prologs and DOCTYPE checks are linear too (no backtracking over comments, PIs or DTDs)', async () => {
    const pis = '<?a?>'.repeat(26) + '!';
    const comments = '<!--a-->'.repeat(26) + '!';
    const doctypes = '<rss>' + fill('<!DOCTYPE ', 300 * KB);
    const results: unknown[] = [];
    const delay = await maxEventLoopDelayMs([
      () => results.push(rootElementName(pis), rootElementName(comments), looksLikeHtml(comments)),
      () => results.push(prepareXml(doctypes).length),
      async () =>
        results.push(
          (
            await parseFeedBytes(
              Buffer.from(pis.slice(0, -1) + rss.replace('<?xml version="1.0"?>', '')),
              null,
            )
          ).items.length,
        ),
    ]);
    console.log(`issue 12 point 2: max event-loop delay ${delay.toFixed(1)} ms over feed prologs`);
    expect(delay).toBeLessThan(100);
    expect(results).toEqual([null, null, false, expect.any(Number), 1]);
  }, 600_000);
});
