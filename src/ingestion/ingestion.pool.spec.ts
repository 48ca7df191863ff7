import { drainPool, HostJob } from './ingestion.pool';

interface Job extends HostJob {
  id: number;
}

/** A fake claim source: jobs handed out in batches, honouring exclusions and a per-host cap per claim. */
function source(all: Job[], batch: number, perClaimPerHost: number) {
  const pending = [...all];
  const calls: string[][] = [];
  return {
    calls,
    claim: async (exclude: string[]) => {
      calls.push(exclude);
      const out: Job[] = [];
      const perHost = new Map<string, number>();
      for (let i = 0; i < pending.length && out.length < batch;) {
        const j = pending[i];
        const n = perHost.get(j.host) ?? 0;
        if (exclude.includes(j.host) || n >= perClaimPerHost) {
          i++;
          continue;
        }
        perHost.set(j.host, n + 1);
        out.push(j);
        pending.splice(i, 1);
      }
      await new Promise((r) => setImmediate(r));
      return out;
    },
  };
}

describe('drainPool', () => {
  it('runs every job once, within the total and per-host limits', async () => {
    const hosts = ['a', 'b', 'c', 'd', 'e'];
    const all: Job[] = Array.from({ length: 200 }, (_, id) => ({ id, host: id < 120 ? 'a' : hosts[id % 5] }));
    const src = source(all, 25, 10);
    const seen: number[] = [];
    const running = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    let maxPerHost = 0;
    const { jobs } = await drainPool<Job>({
      concurrency: 6,
      perHost: 2,
      claim: src.claim,
      run: async (j) => {
        total++;
        running.set(j.host, (running.get(j.host) ?? 0) + 1);
        maxTotal = Math.max(maxTotal, total);
        maxPerHost = Math.max(maxPerHost, running.get(j.host)!);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        seen.push(j.id);
        running.set(j.host, running.get(j.host)! - 1);
        total--;
      },
    });
    expect(jobs).toBe(200);
    expect(seen.sort((x, y) => x - y)).toEqual(all.map((j) => j.id));
    expect(maxPerHost).toBe(2);
    expect(maxTotal).toBeGreaterThan(2); // several hosts in parallel
    expect(maxTotal).toBeLessThanOrEqual(6);
    // once host a had a backlog, later claims excluded it
    expect(src.calls.some((c) => c.includes('a'))).toBe(true);
  });

  it('keeps going when a job fails and ends when nothing is due', async () => {
    const src = source(
      [
        { id: 1, host: 'x' },
        { id: 2, host: 'x' },
        { id: 3, host: 'y' },
      ],
      10,
      10,
    );
    const done: number[] = [];
    await drainPool<Job>({
      concurrency: 2,
      perHost: 1,
      claim: src.claim,
      run: async (j) => {
        if (j.id === 1) throw new Error('boom');
        done.push(j.id);
      },
    });
    expect(done.sort()).toEqual([2, 3]);
  });

  it('rejects when claiming fails', async () => {
    await expect(
      drainPool<Job>({
        concurrency: 2,
        perHost: 1,
        claim: async () => Promise.reject(new Error('db down')),
        run: async () => undefined,
      }),
    ).rejects.toThrow('db down');
  });
});
