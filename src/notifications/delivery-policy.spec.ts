import { classifySendError, isDeliverableAddress, retryDelayMs } from './delivery-policy';

describe('classifySendError', () => {
  const err = (props: Record<string, unknown>) =>
    Object.assign(new Error(String(props.message ?? 'x')), props);

  it('treats SMTP 5xx answers as permanent and 4xx as transient', () => {
    expect(
      classifySendError(err({ code: 'EENVELOPE', responseCode: 550, response: '550 mailbox unavailable' })),
    ).toMatchObject({ transient: false, response: expect.stringContaining('550 mailbox unavailable') });
    expect(
      classifySendError(err({ code: 'EENVELOPE', responseCode: 553, response: '553 bad address' })).transient,
    ).toBe(false);
    expect(
      classifySendError(err({ code: 'EMESSAGE', responseCode: 452, response: '452 mailbox full' })).transient,
    ).toBe(true);
    expect(
      classifySendError(err({ code: 'EENVELOPE', responseCode: 421, response: '421 try later' })).transient,
    ).toBe(true);
  });

  it('treats network failures as transient', () => {
    for (const code of ['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'ECONNREFUSED', 'EDNS', 'ETIMEOUT']) {
      expect(classifySendError(err({ code, message: 'connect ECONNREFUSED 127.0.0.1:25' })).transient).toBe(
        true,
      );
    }
  });

  it('keeps mail queued on authentication/TLS problems (the operator fixes those), even with a 5xx code', () => {
    expect(
      classifySendError(err({ code: 'EAUTH', responseCode: 535, response: '535 auth failed' })).transient,
    ).toBe(true);
  });

  it('treats message errors without a reply as permanent, and unknown errors as transient', () => {
    expect(classifySendError(err({ code: 'EENVELOPE', message: 'No recipients defined' })).transient).toBe(
      false,
    );
    expect(classifySendError(new Error('something odd')).transient).toBe(true);
    expect(classifySendError('a string').response).toBe('a string');
  });
});

describe('retryDelayMs', () => {
  const opts = { baseMs: 30_000, maxMs: 900_000 };
  it('doubles from the base and stops at the cap (no jitter at random = 0.5)', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n, opts, mid))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
  });
  it('jitters within ±20 % by default', () => {
    expect(retryDelayMs(2, opts, () => 0)).toBe(48_000);
    expect(retryDelayMs(2, opts, () => 0.999999)).toBeCloseTo(72_000, -1);
    expect(retryDelayMs(10, opts, () => 0.999999)).toBeLessThanOrEqual(900_000 * 1.2);
  });
  it('never returns less than a second, even for odd input', () => {
    expect(retryDelayMs(0, { baseMs: 10, maxMs: 10 }, () => 0)).toBe(1000);
  });
});

describe('isDeliverableAddress', () => {
  it.each([
    ['zhang.san@gd.chinatax.gov.cn', true],
    ['head+ack@example.cn', true],
    ['ops@localhost', true],
    ['a@[127.0.0.1]', true],
    ['not an address', false],
    ['no-at-sign.example.cn', false],
    ['two@@example.cn', false],
    ['a@b', false],
    ['.dot@example.cn', false],
    ['x<y>@example.cn', false],
    [`${'a'.repeat(65)}@example.cn`, false],
  ])('%s → %s', (address, ok) => {
    expect(isDeliverableAddress(address)).toBe(ok);
  });
});
