/**
 * A fixed-size worker pool that never runs more than `perHost` jobs against one host at once (Miniflux's worker
 * pool plus its per-host limit). Jobs come from `claim`, asked for more whenever no queued job can start; jobs for a
 * busy host wait in the queue (deferred), and hosts that already have enough queued work are excluded from the next
 * claim so their backlog does not crowd out other hosts. `run` must not throw (errors are the job's business).
 */
export interface HostJob {
  host: string;
}

export interface PoolOptions<J extends HostJob> {
  concurrency: number;
  perHost: number;
  /** More jobs, excluding these saturated hosts; [] when nothing else is due. */
  claim(excludeHosts: string[]): Promise<J[]>;
  run(job: J): Promise<void>;
}

export async function drainPool<J extends HostJob>(opts: PoolOptions<J>): Promise<{ jobs: number }> {
  const queue: J[] = [];
  const busy = new Map<string, number>(); // running jobs per host
  const queuedPerHost = new Map<string, number>();
  let running = 0;
  let jobs = 0;
  let claiming = false;
  let exhausted = false;
  // A claim that excluded hosts and found nothing: claim again only once something finished.
  let blocked = false;

  const bump = (m: Map<string, number>, host: string, by: number) => m.set(host, (m.get(host) ?? 0) + by);
  const canStart = (j: J) => (busy.get(j.host) ?? 0) < opts.perHost;

  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    const pump = () => {
      while (running < opts.concurrency) {
        const i = queue.findIndex(canStart);
        if (i < 0) break;
        const [job] = queue.splice(i, 1);
        bump(queuedPerHost, job.host, -1);
        start(job);
      }
      if (running < opts.concurrency && !claiming && !exhausted && !blocked) {
        const saturated = [...new Set(queue.map((j) => j.host))].filter(
          (h) => (busy.get(h) ?? 0) + (queuedPerHost.get(h) ?? 0) >= opts.perHost,
        );
        claiming = true;
        opts
          .claim(saturated)
          .then((more) => {
            claiming = false;
            if (more.length === 0) {
              if (saturated.length === 0) exhausted = true;
              // otherwise wait for a running job to finish before asking again (with fewer exclusions)
              else blocked = running > 0 || queue.length > 0;
            }
            for (const j of more) {
              queue.push(j);
              bump(queuedPerHost, j.host, 1);
            }
            jobs += more.length;
            pump();
          })
          .catch((e) => {
            claiming = false;
            exhausted = true;
            if (running === 0) reject(e);
            else failure = e;
          });
      }
      if (running === 0 && !claiming && queue.length === 0 && exhausted) {
        if (failure) reject(failure);
        else resolve({ jobs });
      }
    };
    const start = (job: J) => {
      running++;
      bump(busy, job.host, 1);
      void Promise.resolve()
        .then(() => opts.run(job))
        .catch(() => undefined)
        .finally(() => {
          running--;
          bump(busy, job.host, -1);
          // a host dropped below its limit: the last claim's exclusions no longer hold
          if ((busy.get(job.host) ?? 0) + (queuedPerHost.get(job.host) ?? 0) < opts.perHost) blocked = false;
          pump();
        });
    };
    pump();
  });
}
