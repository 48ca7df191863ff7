import { existsSync, readFileSync } from 'node:fs';

/**
 * The part every model loader shares (tone, category prior, complaint model): the manifest at `path` must exist, be
 * JSON and carry this build's `format`; otherwise `fail` names the file's problem and the command that writes it
 * (start-up stops with that message: the service never guesses with a model it cannot read). The loader checks the
 * rest, which differs per model.
 */
export function readManifest<T extends { format: string }>(
  path: string,
  format: string,
  command: string,
  fail: (why: string) => never,
): T {
  if (!existsSync(path)) fail(`file not found (train one with ${command})`);
  let m: T;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    return fail(`cannot read the manifest (not JSON: ${(e as Error).message})`);
  }
  if (m?.format !== format)
    fail(
      `unknown format ${JSON.stringify(m?.format)} (this build reads ${format}; retrain it with ${command})`,
    );
  return m;
}
