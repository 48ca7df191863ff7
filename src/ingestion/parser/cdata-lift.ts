import { randomBytes } from 'node:crypto';

/**
 * Large CDATA sections lifted out of feed XML before the XML parser sees it, and put back into the values after.
 * sax reads CDATA one character at a time (300 KB of description: 40 ms on a busy core); a short placeholder costs
 * nothing. The placeholder holds a random tag so that feed text cannot forge one. One indexOf scan each way.
 */
const MIN_LIFTED = 256;

export interface LiftedCdata {
  xml: string;
  restore(value: string): string;
}

export function liftCdata(xml: string): LiftedCdata {
  const tag = `\uFDD0${randomBytes(6).toString('hex')}:`;
  const lifted: string[] = [];
  const out: string[] = [];
  let last = 0;
  for (let open = xml.indexOf('<![CDATA['); open >= 0; open = xml.indexOf('<![CDATA[', last)) {
    const close = xml.indexOf(']]>', open + 9);
    if (close < 0) break; // unclosed: the parser reports it
    if (close - open - 9 >= MIN_LIFTED) {
      out.push(xml.slice(last, open + 9), `${tag}${lifted.length}\uFDD1`);
      lifted.push(xml.slice(open + 9, close));
      last = close;
    } else {
      out.push(xml.slice(last, close));
      last = close;
    }
    out.push(']]>');
    last += 3;
  }
  if (!lifted.length) return { xml, restore: (v) => v };
  out.push(xml.slice(last));
  const placeholder = new RegExp(`${tag}(\\d+)\uFDD1`, 'g');
  return {
    xml: out.join(''),
    restore: (v) => (v.includes(tag) ? v.replace(placeholder, (_, n: string) => lifted[Number(n)] ?? '') : v),
  };
}
