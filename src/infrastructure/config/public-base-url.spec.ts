import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from '../../../test/support/net';
import { probePublicBaseUrl } from './public-base-url';

describe('the start-up check of PUBLIC_BASE_URL', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404).end('{"status":"ok"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('issue 12 point 17: warns when nothing answers at PUBLIC_BASE_URL, and names the variable', async () => {
    const warning = await probePublicBaseUrl(`http://127.0.0.1:${await freePort()}`);
    expect(warning).toMatch(/PUBLIC_BASE_URL/);
    expect(warning).toMatch(/no answer/);
  });

  it('says nothing when the service answers there (trailing slash or not)', async () => {
    expect(await probePublicBaseUrl(url)).toBeNull();
    expect(await probePublicBaseUrl(`${url}/`)).toBeNull();
  });

  it('warns when something else answers there', async () => {
    expect(await probePublicBaseUrl(`${url}/elsewhere`)).toMatch(/HTTP 404/);
  });
});
