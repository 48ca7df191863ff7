import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

/**
 * Reads a response body through the decompressors it declares, counting bytes AFTER decompression, and stops (which
 * destroys the socket) the moment the cap is passed — a gzip bomb or a 50 MB page never sits in memory.
 */
export class BodyTooLargeError extends Error {
  readonly code = 'ERR_BODY_TOO_LARGE';
}

export class BodyDecodingError extends Error {
  readonly code = 'ERR_BODY_DECODING';
}

function decoderFor(coding: string): Transform | null {
  // Truncated streams are flushed rather than rejected, as browsers do: a feed cut short still has its first items.
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/** Decoders in the order to apply them (Content-Encoding lists codings in the order they were applied). */
export function decodersFor(contentEncoding: string | null): Transform[] {
  const codings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((c) => {
    const d = decoderFor(c);
    if (!d) throw new BodyDecodingError(`unsupported Content-Encoding: ${c}`);
    return d;
  });
}

export async function readCappedBody(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding);
  // pipeline() reports whichever error surfaces first, which may be the AbortError its own clean-up causes; keep the
  // errors that explain the failure.
  let decoderError: Error | null = null;
  let tooLarge: BodyTooLargeError | null = null;
  for (const d of decoders) {
    d.on('error', (e: NodeJS.ErrnoException) => {
      if (
        !decoderError &&
        e.name !== 'AbortError' &&
        e.code !== 'ABORT_ERR' &&
        e.code !== 'ERR_STREAM_PREMATURE_CLOSE'
      )
        decoderError = e;
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const collect = async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes)
          throw (tooLarge = new BodyTooLargeError(`body exceeds ${maxBytes} bytes after decompression`));
        chunks.push(chunk);
      }
    };
    // pipeline() destroys every stream on failure, and destroying undici's body aborts the request's socket.
    await (pipeline as (...args: unknown[]) => Promise<void>)(body, ...decoders, collect, { signal });
  } catch (e) {
    if (tooLarge) throw tooLarge;
    if (signal.aborted) throw e;
    const failed = decoderError as Error | null;
    if (failed) throw new BodyDecodingError(`cannot decompress body (${contentEncoding}): ${failed.message}`);
    throw e;
  }
  return Buffer.concat(chunks, size);
}
