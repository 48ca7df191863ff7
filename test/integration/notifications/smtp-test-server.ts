import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
}

/** An answer to RCPT TO: null accepts; otherwise an SMTP reply code and text (550 → permanent, 450 → transient). */
export type RecipientRule = (address: string) => { code: number; message: string } | null;

/**
 * A real SMTP server on loopback (smtp-server), recording every accepted message. Messages are recorded before the
 * server answers 250, so once the client's send resolved, the message is in `received`. Can be stopped and started
 * again on the same port to simulate an outage.
 */
export class SmtpTestServer {
  readonly received: ReceivedMail[] = [];
  rule: RecipientRule = () => null;
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly opts: { keepRaw?: boolean } = {}) {}

  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 50 * 1024 * 1024,
      maxClients: 200,
      onRcptTo: (addr: SMTPServerAddress, _session, cb) => {
        const verdict = this.rule(addr.address);
        if (!verdict) return cb();
        const err = new Error(verdict.message) as Error & { responseCode: number };
        err.responseCode = verdict.code;
        cb(err);
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw: this.opts.keepRaw === false ? '' : Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    server.on('error', () => undefined); // client resets during an outage test are expected
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Closes the listening socket and drops open connections: clients now get ECONNREFUSED. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      // smtp-server waits for open sessions; pooled clients would hold it open, so end them.
      for (const conn of (s as unknown as { connections: Set<{ close(): void }> }).connections ?? [])
        conn.close();
    });
  }

  parsed(): Promise<ParsedMail[]> {
    return Promise.all(this.received.map((m) => simpleParser(m.raw)));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address));
  }
}
