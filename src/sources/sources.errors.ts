import { DomainError } from '../infrastructure/http/domain-error';
import { FieldError } from './source.types';

export class SourceError extends DomainError {}

export const sourceNotFound = (id: string) =>
  new SourceError('not_found', 'SOURCE_NOT_FOUND', `信息源 ${id} 不存在`);
export const sourceInvalid = (errors: FieldError[]) =>
  new SourceError('invalid', 'SOURCE_INVALID', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors,
  });
export const sourceNameTaken = (name: string) =>
  new SourceError('conflict', 'SOURCE_NAME_TAKEN', `已有同名信息源「${name}」`);
export const sourceUrlTaken = (url: string) =>
  new SourceError('conflict', 'SOURCE_URL_TAKEN', `已有信息源使用该地址: ${url}`);
export const sourceHasItems = (id: string) =>
  new SourceError(
    'conflict',
    'SOURCE_HAS_ITEMS',
    `信息源 ${id} 已有采集数据，不能删除，请停用 (disable it instead)`,
  );
export const sourceNotPush = (id: string) =>
  new SourceError('invalid', 'SOURCE_NOT_PUSH', `信息源 ${id} 不是推送类信息源`);
export const kindImmutable = () =>
  new SourceError('invalid', 'SOURCE_KIND_IMMUTABLE', '信息源类型创建后不能修改 (kind cannot change)');
