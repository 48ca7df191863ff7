import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before Express sees them: headers over Node's 16 KB limit (a link with a huge
 * query string) and malformed request lines. Node's default answer is a bare status line with no body; a person who
 * pasted a long link gets an empty page. This answers in Chinese plain text with the same statuses (431 / 400), and
 * closes the connection, as Node does (408 for a request that timed out).
 */
const ANSWERS: Record<string, [string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['408 Request Timeout', '请求超时，请重试。'],
  HPE_HEADERS_TIMEOUT: ['408 Request Timeout', '请求超时，请重试。'],
  HPE_HEADER_OVERFLOW: [
    '431 Request Header Fields Too Large',
    '请求头（含网址）过长，请缩短链接或查询参数后重试。',
  ],
};
const BAD_REQUEST: [string, string] = ['400 Bad Request', '请求格式有误，服务器无法解析。'];

export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection the client dropped has no one to read an answer; on one whose response is already under way (a
    // keep-alive request's), another status line would corrupt it: Node's own handler destroys both the same way.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) return void socket.destroy();
    const [status, message] = ANSWERS[err.code ?? ''] ?? BAD_REQUEST;
    const body = `${message}\n`;
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
