/**
 * The Node flags the sequencer process runs with (the devnet, the e2e tests and the bench
 * start it with them; run it with them in production: `node --v8-pool-size=1 …`).
 *
 * `--v8-pool-size=1`: V8 keeps one background thread per process (GC's concurrent marking
 * and sweeping, background compilation) instead of one per core. On the 2-core machines the
 * sequencer's own threads (event loop, crypto worker, store writer, group signer) are already
 * more than the cores; four more helper threads in bursts took CPUs from the threads a
 * transaction waits on. Measured with `npm run bench -- sequencer` at 1,000 tx/s offered,
 * 5 alternated rounds: p999 17 ms median (13-26) with it against 28 ms (24-41) without, p99 11
 * against 12 ms median, and 4 of 5 rounds lower.
 *
 * @example
 * ```ts
 * spawn(process.execPath, [...SEQUENCER_NODE_FLAGS, '--import', 'tsx', 'sequencer/main.ts'])
 * ```
 */
export const SEQUENCER_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1']
