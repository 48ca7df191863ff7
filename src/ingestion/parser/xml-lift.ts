import { randomBytes } from 'node:crypto';
import { TextBuilder } from './text-builder';
import { MAX_ITEM_HTML } from './feed-limits';
import { codePointOf, isXmlEntity, repairEntities } from './xml-repair';
import { tagEnd } from './xml-bounds';

/**
 * Text lifted out of feed XML before the XML parser sees it, and put back into the values after. sax reads text one
 * character at a time and xml2js makes an object per element, so the bulk of a feed — its bodies — costs the most
 * there: 300 KB of CDATA took 40 ms on a busy core, 3.6M `&lt;` 6 s and 1 GB, HTML nested 2M deep 5 s and 1 GB. A
 * short placeholder costs nothing. The placeholder holds a random tag so that feed text cannot forge one.
 *
 * Lifted: every large CDATA section (as written), and the body of each `description`, `content`, `content:encoded`
 * and `summary` element that holds markup or is large. A body with raw markup (`<description><p>…</p></description>`
 * with no CDATA, Atom `type="xhtml"`) is lifted as the HTML it is, so its text is kept and read by the HTML-to-text
 * scanner, which is linear and does not care how deep the tags nest; any other body is lifted as the text the XML
 * parser would have given (references decoded, CDATA as written). A body that runs into the next item (an unclosed
 * element) is left to the parser, which reports it and lets salvage drop that item. One forward scan each way.
 */
const MIN_LIFTED = 256;
// Raw body read, before decoding: MAX_ITEM_HTML is read after it, and decoding mostly shrinks text (`&amp;` → `&`).
// Cutting here, before the references are decoded, is what keeps ten million of them cheap.
export const MAX_BODY = 2 * MAX_ITEM_HTML;
const BODIES = ['description', 'content:encoded', 'content', 'summary'];
// A body that reaches one of these never closed where it should have: lifting it would swallow the next item.
const STRUCTURE = ['item', 'entry', 'channel'];

export interface LiftedXml {
  xml: string;
  restore(value: string): string;
  /** Bodies longer than MAX_BODY, cut. */
  cut: number;
}

/** The character of `&lt;` `&gt;` `&amp;` `&apos;` `&quot;`, told by the letters after `&` (no string made). */
function xmlEntityChar(text: string, amp: number): number {
  const c = text.charCodeAt(amp + 1);
  if (c === 108) return 60; // l
  if (c === 103) return 62; // g
  if (c === 113) return 34; // q
  return text.charCodeAt(amp + 2) === 109 ? 38 : 39; // am… or ap…
}

/**
 * XML text → its value, with entities as repairEntities would have left them (lifting runs before the repair): a
 * bare `&` and unknown names stay as written, `&nbsp;` and the like are decoded.
 */
function decodeBodyText(text: string): string {
  return decodeXmlText(repairEntities(text));
}

/**
 * XML text → its value; the input has been through repairEntities, so every `&` starts a well-formed reference. One
 * forward scan into a TextBuilder (millions of `&lt;` in a hostile body: no string or callback per reference).
 */
export function decodeXmlText(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  const out = new TextBuilder();
  let last = 0;
  for (; amp >= 0; amp = text.indexOf('&', last)) {
    const end = text.indexOf(';', amp);
    if (end < 0) break;
    out.append(text, last, amp);
    if (text.charCodeAt(amp + 1) === 35) {
      const hex = text.charCodeAt(amp + 2) === 120;
      const cp = codePointOf(text, amp + (hex ? 3 : 2), end, hex);
      if (cp <= 0x10ffff) out.codePoint(cp);
    } else if (isXmlEntity(text, amp + 1, end)) out.code(xmlEntityChar(text, amp));
    else out.append(text, amp, end + 1);
    last = end + 1;
  }
  out.append(text, last, text.length);
  return out.toString();
}

/** `<name` at `at` followed by a delimiter, so `<content` does not match `<content:encoded` nor `<item` `<items>`. */
function tagAt(xml: string, at: number, name: string): boolean {
  if (!xml.startsWith(name, at + 1)) return false;
  const c = xml.charCodeAt(at + 1 + name.length);
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13; // > / space tab LF CR
}

/** Index after the CDATA section or comment at `at` (-1 when unclosed), or null when none starts there. */
function opaqueEnd(xml: string, at: number): number | null {
  const cdata = xml.startsWith('<![CDATA[', at);
  if (!cdata && !xml.startsWith('<!--', at)) return null;
  const close = xml.indexOf(cdata ? ']]>' : '-->', at + (cdata ? 9 : 4));
  return close < 0 ? -1 : close + 3;
}

interface Body {
  /** The value to restore, or null when the body is left to the parser. */
  value: string | null;
  /** The body was longer than MAX_BODY. */
  cut?: boolean;
  /** Where the body ends (the `<` of its end tag), or where the scan must go on. */
  end: number;
}

/** Where to cut a body running from `from` to `to`: at MAX_BODY, but not inside a reference. */
function cutAt(xml: string, from: number, to: number): number {
  const stop = from + MAX_BODY;
  if (to <= stop) return to;
  const amp = xml.lastIndexOf('&', stop);
  return amp > stop - 32 && !xml.slice(amp, stop).includes(';') ? amp : stop;
}

/** The body of `name` starting at `from`: its value and end, scanning forward only. */
function readBody(xml: string, from: number, name: string): Body {
  const html: string[] = []; // the body as HTML: text outside CDATA as written, CDATA contents, no comments
  let markup = false;
  let opaqueSeen = false;
  let last = from;
  // First letters of the names that matter here: the body's own, and i(tem), e(ntry), c(hannel).
  const initials = new Set([name.charCodeAt(0), 105, 101, 99]);
  for (let i = xml.indexOf('<', from); i >= 0; i = xml.indexOf('<', i + 1)) {
    const opaque = xml.charCodeAt(i + 1) === 33 ? opaqueEnd(xml, i) : null;
    if (opaque !== null) {
      if (opaque < 0) return { value: null, end: i };
      html.push(xml.slice(last, i));
      if (xml[i + 2] === '[') html.push(xml.slice(i + 9, opaque - 3));
      opaqueSeen = true;
      last = opaque;
      i = opaque - 1;
      continue;
    }
    const closing = xml.charCodeAt(i + 1) === 47;
    if (closing && tagAt(xml, i + 1, name)) {
      html.push(xml.slice(last, i));
      const cut = i - from > MAX_BODY;
      if (markup) return { value: html.join('').slice(0, MAX_BODY), end: i, cut };
      const text = xml.slice(from, cutAt(xml, from, i));
      if (text.length < MIN_LIFTED || !/\S/.test(text)) return { value: null, end: i };
      const value = opaqueSeen ? decodeInOrder(xml, from, from + text.length) : decodeBodyText(text);
      return { value, end: i, cut };
    }
    const at = closing ? i + 1 : i;
    // Most tags in a body are HTML (`<p>`, `<a>`): the initial letter rules them out without comparing names.
    const suspect = initials.has(xml.charCodeAt(at + 1));
    if (suspect && (tagAt(xml, at, name) || STRUCTURE.some((s) => tagAt(xml, at, s))))
      return { value: null, end: i };
    markup = true;
  }
  return { value: null, end: xml.length };
}

/** Text and CDATA sections between `from` and `to`, decoded as the XML parser would. */
function decodeInOrder(xml: string, from: number, to: number): string {
  const out: string[] = [];
  let last = from;
  for (let i = xml.indexOf('<', from); i >= 0 && i < to; i = xml.indexOf('<', last)) {
    const end = opaqueEnd(xml, i) ?? i + 1;
    out.push(decodeBodyText(xml.slice(last, i)));
    if (xml[i + 2] === '[') out.push(xml.slice(i + 9, end - 3));
    last = end;
  }
  out.push(decodeBodyText(xml.slice(last, to)));
  return out.join('');
}

export function liftXml(xml: string): LiftedXml {
  const tag = `\uFDD0${randomBytes(6).toString('hex')}:`;
  const lifted: string[] = [];
  const out: string[] = [];
  let cut = 0;
  const placeholder = (value: string) => `${tag}${lifted.push(value) - 1}\uFDD1`;
  let last = 0;
  for (let i = xml.indexOf('<'); i >= 0 && i < xml.length; i = xml.indexOf('<', i)) {
    const opaque = opaqueEnd(xml, i);
    if (opaque !== null) {
      if (opaque < 0) break; // unclosed: the parser reports it
      if (xml[i + 2] === '[' && opaque - i - 12 >= MIN_LIFTED) {
        out.push(xml.slice(last, i + 9), placeholder(xml.slice(i + 9, opaque - 3)), ']]>');
        last = opaque;
      }
      i = opaque;
      continue;
    }
    const name = BODIES.find((b) => tagAt(xml, i, b));
    if (!name) {
      i++;
      continue;
    }
    const open = tagEnd(xml, i + 1 + name.length);
    if (open < 0) break;
    i = open;
    if (xml.charCodeAt(open - 2) === 47) continue; // `<content src="…"/>`
    const body = readBody(xml, open, name);
    if (body.value !== null) {
      if (body.cut) cut++;
      out.push(xml.slice(last, open), placeholder(body.value));
      last = body.end;
    }
    i = body.end;
  }
  if (!lifted.length) return { xml, restore: (v) => v, cut };
  out.push(xml.slice(last));
  const pattern = new RegExp(`${tag}(\\d+)\uFDD1`, 'g');
  return {
    xml: out.join(''),
    cut,
    restore: (v) => (v.includes(tag) ? v.replace(pattern, (_, n: string) => lifted[Number(n)] ?? '') : v),
  };
}
