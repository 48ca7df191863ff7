import * as iconv from 'iconv-lite';
import { DomainError } from '../infrastructure/http/domain-error';
import { decodePushBody } from './push-charset';

const refused = (body: Buffer, contentType: string | undefined): DomainError => {
  try {
    decodePushBody(body, contentType);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('accepted');
};

describe('issue 12 point 11: push bodies are decoded by their declared charset, never as mojibake', () => {
  const json = '{"items":[{"id":"1","title":"税务局排长队"}]}';

  it('reads UTF-8 with or without a declaration (and a BOM)', () => {
    expect(decodePushBody(Buffer.from(json), 'application/json')).toBe(json);
    expect(decodePushBody(Buffer.from(json), undefined)).toBe(json);
    expect(decodePushBody(Buffer.from(`\ufeff${json}`), 'application/json; charset=UTF-8')).toBe(json);
  });

  it('decodes GBK, GB2312 and GB18030 when declared', () => {
    for (const cs of ['gbk', 'GB2312', 'gb18030']) {
      expect(decodePushBody(iconv.encode(json, 'gbk'), `application/json; charset=${cs}`)).toBe(json);
    }
  });

  it('refuses GBK bytes sent as (or defaulting to) UTF-8, naming the byte', () => {
    const e = refused(iconv.encode(json, 'gbk'), 'application/json');
    expect(e).toMatchObject({ kind: 'invalid', code: 'PUSH_BAD_ENCODING' });
    expect(e.message).toContain('UTF-8');
    expect(e.message).toContain('第 32 字节');
    expect(refused(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), undefined).code).toBe('PUSH_BAD_ENCODING');
  });

  it('refuses invalid GBK sequences and unknown charsets', () => {
    const broken = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0x81, 0x20]), Buffer.from('"}')]);
    expect(refused(broken, 'application/json; charset=gbk').code).toBe('PUSH_BAD_ENCODING');
    expect(refused(Buffer.from(json), 'application/json; charset=klingon')).toMatchObject({
      code: 'PUSH_UNSUPPORTED_CHARSET',
    });
  });
});
