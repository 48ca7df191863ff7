import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/** A bigserial id as text: positive, at most 18 digits (always below 2^63, so PostgreSQL never overflows). */
const ID = /^[1-9][0-9]{0,17}$/;

export const isId = (value: unknown): value is string => typeof value === 'string' && ID.test(value);

export function invalidId(name: string, value: unknown): DomainError {
  return new DomainError('invalid', 'INVALID_ID', `${name}: 必须是正整数编号 (must be a numeric id)`, {
    field: name,
    value: typeof value === 'string' ? value.slice(0, 40) : value,
  });
}

/** Explicit form, for a route param whose name does not end in "id": `@Param('ruleNo', ParseIdPipe)`. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (!isId(value)) throw invalidId(metadata.data ?? 'id', value);
    return value;
  }
}

/**
 * Global: every route parameter named `id` or `…Id` is a numeric id (issue 12 point 8). Without it, `/incidents/abc`
 * reached PostgreSQL as a bigint and came back as a 500.
 */
@Injectable()
export class IdParamsPipe implements PipeTransform<unknown, unknown> {
  private readonly parse = new ParseIdPipe();
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const name = metadata.data;
    if (metadata.type !== 'param' || typeof name !== 'string' || !/^(id|[a-z][a-zA-Z]*Id)$/.test(name))
      return value;
    return this.parse.transform(value, metadata);
  }
}
