import { Injectable } from '@nestjs/common';
import { DomainError } from '../infrastructure/http/domain-error';
import { readBody } from '../sources/request-body';
import { IngestionConfig } from './ingestion.config';
import { PushAuth, PushAuthenticator } from './push-auth';
import type { PushRequest } from './push-body.reader';

/**
 * Admission of a push request before Nest sees it (issue 12 point 6): credentials are checked on the headers first,
 * so an anonymous request is answered without a byte of its body read; then at most PUSH_MAX_CONCURRENT_BODIES
 * bodies are read at once (the rest get 503 and Retry-After), each capped at PUSH_MAX_BYTES and cut off after
 * PUSH_BODY_TIMEOUT_MS. Memory held by pushes is thus bounded by cap × size, whatever the callers do.
 */
@Injectable()
export class PushIntake {
  private reading = 0;

  constructor(
    private readonly config: IngestionConfig,
    private readonly authenticator: PushAuthenticator,
  ) {}

  async admit(req: PushRequest): Promise<{ auth: PushAuth; body: Buffer }> {
    const auth = await this.authenticator.fromHeaders(req.headers);
    const max = this.config.PUSH_MAX_BYTES;
    if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge(max);
    if (this.reading >= this.config.PUSH_MAX_CONCURRENT_BODIES) {
      throw new DomainError('unavailable', 'PUSH_BUSY', '同时进行的推送过多，请稍后重试');
    }
    this.reading++;
    try {
      const body = await readBody(req, max, { timeoutMs: this.config.PUSH_BODY_TIMEOUT_MS, noDrain: true });
      return { auth, body };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'BODY_TOO_LARGE') throw tooLarge(max);
      throw e;
    } finally {
      this.reading--;
    }
  }
}

const tooLarge = (max: number) =>
  new DomainError('too_large', 'PUSH_TOO_LARGE', `请求体过大（最多 ${+(max / 1024 / 1024).toFixed(2)} MiB）`);
