import { resolve } from 'node:path';
import { EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres';

let embedded: EmbeddedServer | null = null;
let pending: Promise<string> | null = null;

export interface DatabaseUrlOptions {
  databaseUrl?: string;
  dataDir: string;
  embeddedPort: number;
  log?: (msg: string) => void;
}

/** DATABASE_URL when given; otherwise the embedded server in DATA_DIR/postgres (started once per process). */
export function resolveDatabaseUrl(opts: DatabaseUrlOptions): Promise<string> {
  if (opts.databaseUrl) return Promise.resolve(opts.databaseUrl);
  pending ??= startEmbeddedPostgres({
    dataDir: resolve(opts.dataDir, 'postgres'),
    port: opts.embeddedPort,
    log: opts.log,
  }).then((server) => {
    embedded = server;
    return server.url;
  });
  return pending;
}

/** Called after the application has closed its pools. */
export async function stopEmbeddedPostgres(): Promise<void> {
  const server = embedded;
  embedded = null;
  pending = null;
  if (server) await server.stop();
}
