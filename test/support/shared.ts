import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `../shared` beside the repository (read-only fixtures that are never copied into the repo). `SHARED_DIR` overrides
 * it; a git worktree lives one level deeper (worktrees/<name>/), so the nearest `shared` folder above is taken.
 */
export const SHARED_DIR =
  process.env.SHARED_DIR ||
  ([join(__dirname, '../../../shared'), join(__dirname, '../../../../shared')].find((d) =>
    existsSync(join(d, 'fixtures')),
  ) ??
    join(__dirname, '../../../shared'));
