/**
 * `npm run bench -- <name>`: loads test/bench/<name>.bench.ts and runs its default export.
 * Each benchmark prints one final JSON line with its figures. Benchmarks are never part of `npm test`.
 */
// The service's V8 settings (see the module): benchmarks measure the service as it runs.
import '../../src/infrastructure/runtime/v8-tuning';
import 'reflect-metadata';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main() {
  const name = process.argv[2];
  const file = name ? join(__dirname, `${name}.bench.ts`) : '';
  if (!name || !existsSync(file)) {
    const all = readdirSync(__dirname)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.replace('.bench.ts', ''));
    process.stderr.write(`usage: npm run bench -- <${all.join('|')}>\n`);
    process.exit(2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { default: (args: string[]) => Promise<void> };
  await mod.default(process.argv.slice(3));
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`benchmark failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
