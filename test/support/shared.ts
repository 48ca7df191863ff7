import { join } from 'node:path';

/**
 * `../shared` beside the repository (read-only fixtures that are never copied into the repo). `SHARED_DIR` overrides
 * it where the checkout sits elsewhere (a git worktree: `SHARED_DIR=/work/shared npx jest …`).
 */
export const SHARED_DIR = process.env.SHARED_DIR || join(__dirname, '../../../shared');
