import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings for this service's workload, imported first by every entry point (service, CLI, benchmarks) so that
 * they hold before anything is allocated.
 *
 * Allocation-site pretenuring off: the classifier allocates some twenty kilobytes of short-lived objects per item.
 * In about one benchmark run in ten (before and after the classifier's optimisation alike) every scavenge began to
 * leave some 5 MB behind in the old generation, the heap grew to about 600 MB and classification ran 15–20 % slower
 * for the life of the process. With pretenuring (V8 moving allocation sites whose objects seem to survive into the old
 * generation) turned off this never happened in 50 runs. Long-lived data (lexicons, the bureau catalogue) is built once
 * at start-up and does not need it.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
