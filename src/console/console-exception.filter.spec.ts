import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { DomainError } from '../infrastructure/http/domain-error';
import { ConsoleExceptionFilter, SessionLookup } from './console-exception.filter';

interface Call {
  accept?: string;
  /** The principal the AuthGuard set; null when no guard identified anyone (a visitor, or a path no route serves). */
  principal?: object | null;
  path?: string;
  cookies?: Record<string, unknown>;
  filter?: ConsoleExceptionFilter;
}

const USER = { userId: '1', role: 'monitor', bureauCode: '44', bureauPath: '00.44.', username: 'u' };

/** What the filter answers for `exception`: status, type, body and redirect. */
async function answer(exception: unknown, call: Call = {}) {
  const sent: { status?: number; type?: string; body?: unknown; redirect?: string } = {};
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
    redirect(_: number, to: string) {
      sent.redirect = to;
    },
  };
  const principal = call.principal === undefined ? { username: 'u' } : call.principal;
  const path = call.path ?? '/console/x';
  const req = {
    headers: { accept: call.accept ?? 'text/html' },
    path,
    url: path,
    originalUrl: path,
    cookies: call.cookies ?? {},
    principal: principal && { ...USER, ...principal },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  await (call.filter ?? new ConsoleExceptionFilter()).catch(exception, host);
  return sent;
}

/** An app-wide filter whose session store knows one cookie, `good`; records what it was asked. */
function appWide(lookup?: SessionLookup['principalFromSession']) {
  const asked: unknown[] = [];
  const sessions: SessionLookup = {
    principalFromSession:
      lookup ??
      (async (secret) => {
        asked.push(secret);
        return secret === 'good' ? ({ ...USER, username: '陈静' } as unknown as Principal) : null;
      }),
  };
  return { filter: ConsoleExceptionFilter.appWide(sessions), asked };
}

describe('ConsoleExceptionFilter', () => {
  it.each([
    [new DomainError('conflict', 'X_STALE', '事件已被他人修改，请刷新后重试'), 409, '事件已被他人修改'],
    [new DomainError('too_large', 'X_BIG', '内容过长'), 413, '内容过长'],
    [new BadRequestException(['status 取值无效', 'grade 取值无效']), 400, 'status 取值无效；grade 取值无效'],
  ])('shows a refusal to a logged-in browser inside the console layout: %s', async (e, status, message) => {
    const sent = await answer(e);
    expect(sent).toMatchObject({ status, type: 'html' });
    expect(sent.body).toContain('class="topbar"');
    expect(sent.body).toContain(message);
  });

  it('leaves JSON clients, and a visitor who must log in, to the application filter', async () => {
    const e = new DomainError('conflict', 'X_STALE', '事件已被他人修改');
    expect(await answer(e, { accept: 'application/json' })).toMatchObject({ status: 409, type: 'json' });
    const login = await answer(new DomainError('unauthorized', 'NOT_LOGGED_IN', '请先登录'), {
      principal: null,
    });
    expect(login.redirect).toBe('/login?next=%2Fconsole%2Fx');
  });

  it.each([
    [new DomainError('invalid', 'INVALID_QUERY', 'page: 查询参数编码无效'), 400, '请求有误'],
    [new NotFoundException('Cannot GET /console/x'), 404, '未找到'],
  ])(
    'shows a visitor the refusal in the public layout, phone-width, no navigation: %s',
    async (e, status, h1) => {
      const sent = await answer(e, { principal: null });
      expect(sent).toMatchObject({ status, type: 'html' });
      expect(sent.body).toContain('class="public-body"');
      expect(sent.body).toContain('name="viewport" content="width=device-width, initial-scale=1"');
      expect(sent.body).toContain(`<h1>${h1}</h1>`);
      expect(sent.body).toContain('href="/login"');
      expect(sent.body).not.toContain('class="topbar"');
    },
  );

  it('app-wide, finds the user of the session cookie when no guard ran (a path no route serves)', async () => {
    const { filter, asked } = appWide();
    const e = new NotFoundException('Cannot GET /console/nope');
    const user = await answer(e, {
      principal: null,
      path: '/console/nope',
      cookies: { ys_session: 'good' },
      filter,
    });
    expect(user).toMatchObject({ status: 404, type: 'html' });
    expect(user.body).toContain('<span class="user-name">陈静</span>');
    expect(user.body).toContain('没有这个页面或接口：/console/nope');
    const stale = await answer(e, { principal: null, cookies: { ys_session: 'stale' }, filter });
    expect(stale.body).toContain('class="public-body"');
    // a cookie-parser JSON value is no session; API answers never look anybody up
    await answer(e, { principal: null, cookies: { ys_session: { a: 1 } }, filter });
    await answer(e, { principal: null, path: '/api/nope', cookies: { ys_session: 'good' }, filter });
    expect(asked).toEqual(['good', 'stale']);
  });

  it('app-wide, a failing session lookup still answers (the public page), and never rejects', async () => {
    const { filter } = appWide(() => Promise.reject(new Error('db down')));
    const sent = await answer(new NotFoundException('Cannot GET /console/nope'), {
      principal: null,
      cookies: { ys_session: 'good' },
      filter,
    });
    expect(sent).toMatchObject({ status: 404, type: 'html' });
    expect(sent.body).toContain('class="public-body"');
    expect(sent.body).not.toContain('db down');
  });

  it("a page that fails to render still answers with the refusal's own status (the plain page), never rejects", async () => {
    const broken = new Proxy({} as Principal, {
      get: () => {
        throw new Error('render broke');
      },
    });
    const { filter } = appWide(async () => broken);
    const sent = await answer(new NotFoundException('Cannot GET /console/nope'), {
      principal: null,
      cookies: { ys_session: 'good' },
      filter,
    });
    expect(sent).toMatchObject({ status: 404, type: 'html' });
    expect(String(sent.body)).not.toContain('render broke');
  });

  it('tells a visitor of a server fault in the public layout, saying nothing of it, and escapes echoes', async () => {
    const fault = await answer(new Error('password=hunter2 at Pool.connect'), { principal: null });
    expect(fault).toMatchObject({ status: 500, type: 'html' });
    expect(fault.body).toContain('<h1>服务器出错</h1>');
    expect(fault.body).toContain('class="public-body"');
    expect(fault.body).not.toMatch(/hunter2|Pool\.connect/);
    const path = '/console/<img src=x>';
    const echoed = await answer(new NotFoundException(`Cannot GET ${path}`), { path, principal: null });
    expect(echoed.body).toContain('class="public-body"');
    expect(echoed.body).toContain('/console/&lt;img src=x&gt;');
    expect(echoed.body).not.toContain('<img src=x>');
  });
});
