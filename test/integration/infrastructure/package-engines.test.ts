/**
 * `npm install` on a fresh clone must not warn EBADENGINE nor rewrite package-lock.json: every locked package runs
 * on the lowest Node the project claims (package.json engines, the README's "Node 20.19+"), and so does the image.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

const ROOT = resolve(__dirname, '../../..');
const read = (f: string) => readFileSync(resolve(ROOT, f), 'utf8');

describe('Node engines', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('issue 12 point 18: every package in the lock accepts the lowest Node that package.json allows', () => {
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .map(([path, p]) => ({ path, node: Array.isArray(p.engines) ? undefined : p.engines?.node }))
      .filter(({ node }) => node && !semver.satisfies(lowest, node))
      .map(({ path, node }) => `${path} needs node ${node}`);
    expect(refusing).toEqual([]);
  });

  it('issue 12 point 18: the README and the Docker image name Node versions that package.json allows', () => {
    const readme = read('README.md').match(/Node (\d+\.\d+)\+/);
    expect(readme && semver.minVersion(pkg.engines.node)!.compare(`${readme[1]}.0`)).toBe(0);
    const image = read('docker/Dockerfile').match(/NODE_IMAGE=node:(\d+)/);
    expect(image && semver.satisfies(`${image[1]}.0.0`, pkg.engines.node)).toBe(true);
  });
});
