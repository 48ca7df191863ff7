import { Agent } from 'undici';
import { guardedLookup, SsrfPolicy } from './ssrf-guard';

/**
 * One undici Agent per distinct policy (keep-alive pools are shared between polls of the same host; a poller uses one
 * or two policies, so the cache stays tiny). Every new connection resolves its host through the SSRF guard.
 */
const agents = new Map<string, Agent>();

export interface DispatcherOptions extends SsrfPolicy {
  connectTimeoutMs: number;
}

export function agentFor(opts: DispatcherOptions): Agent {
  const hosts = [...(opts.allowHosts ?? [])].map((h) => h.toLowerCase()).sort();
  const key = JSON.stringify([opts.allowPrivate, hosts, opts.connectTimeoutMs]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: {
        timeout: opts.connectTimeoutMs,
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup({ allowPrivate: false, allowHosts: hosts }) }),
      },
      keepAliveTimeout: 4_000,
      // Our own total deadline aborts the request; these only stop undici from waiting longer than that by default.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled connection (tests, shutdown). */
export async function closeAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close()));
}
