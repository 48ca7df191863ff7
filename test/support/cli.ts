import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli';

/** Runs one command as `npm run cli -- …` would, with the given stdin, capturing stdout and stderr. */
export async function cli(
  argv: string[],
  stdinText = '',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runCli(argv, { stdout, stdin: Readable.from([stdinText]) });
    return { code, out, err: errSpy.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    errSpy.mockRestore();
  }
}
