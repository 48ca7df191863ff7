import { join } from 'node:path';

/** `../shared` beside the repository (read-only fixtures that are never copied into the repo). */
export const SHARED_DIR = join(__dirname, '../../../shared');
