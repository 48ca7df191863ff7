import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `../shared` beside the repository (read-only fixtures that are never copied into the repo). A git worktree lives one
 * level deeper (worktrees/<name>/), so the nearest `shared` folder above the repository is taken.
 */
export const SHARED_DIR =
  [join(__dirname, '../../../shared'), join(__dirname, '../../../../shared')].find((d) =>
    existsSync(join(d, 'fixtures')),
  ) ?? join(__dirname, '../../../shared');
