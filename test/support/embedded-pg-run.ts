/**
 * Child process for the embedded PostgreSQL tests (the package is ESM-only, so not under Jest): starts the server
 * with the options given as JSON in argv[2], runs the SQL in argv[3], prints `RESULT <json rows>`, stops it.
 */
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/infrastructure/database/embedded-postgres';

async function main() {
  const server = await startEmbeddedPostgres({
    ...JSON.parse(process.argv[2]),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  try {
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const res = await client.query(process.argv[3]);
    await client.end();
    process.stdout.write(`RESULT ${JSON.stringify(res.rows)}\n`);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`FAILED ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
