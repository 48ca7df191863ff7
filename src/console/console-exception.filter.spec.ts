import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { DomainError } from '../infrastructure/http/domain-error';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** What the filter answers a logged-in browser (or a JSON client) for `exception`: status, type and body. */
function answer(exception: unknown, accept = 'text/html', principal: object | null = { username: 'u' }) {
  const sent: { status?: number; type?: string; body?: unknown } = {};
  const res = {
    headersSent: false,
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(b: unknown) {
      sent.body = b;
      return this;
    },
    json(b: unknown) {
      sent.type = 'json';
      sent.body = b;
      return this;
    },
    redirect() {},
  };
  const principalFull = principal && {
    userId: '1',
    role: 'monitor',
    bureauCode: '44',
    bureauPath: '00.44.',
    ...principal,
  };
  const req = {
    headers: { accept },
    path: '/console/x',
    url: '/console/x',
    originalUrl: '/console/x',
    principal: principalFull,
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new ConsoleExceptionFilter().catch(exception, host);
  return sent;
}

describe('ConsoleExceptionFilter', () => {
  it.each([
    [new DomainError('conflict', 'X_STALE', '事件已被他人修改，请刷新后重试'), 409, '事件已被他人修改'],
    [new DomainError('too_large', 'X_BIG', '内容过长'), 413, '内容过长'],
    [new BadRequestException(['status 取值无效', 'grade 取值无效']), 400, 'status 取值无效；grade 取值无效'],
  ])('shows a refusal to a logged-in browser inside the console layout: %s', (e, status, message) => {
    const sent = answer(e);
    expect(sent).toMatchObject({ status, type: 'html' });
    expect(sent.body).toContain('class="topbar"');
    expect(sent.body).toContain(message);
  });

  it('leaves JSON clients, and refusals before login, to the application filter', () => {
    const e = new DomainError('conflict', 'X_STALE', '事件已被他人修改');
    expect(answer(e, 'application/json')).toMatchObject({ status: 409, type: 'json' });
    expect(answer(e, 'text/html', null).body).not.toContain('class="topbar"');
  });
});
