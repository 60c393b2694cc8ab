/**
 * A sequencer process for the crash test (test support): the test world's users funded at
 * genesis, configuration from the environment, listening on a free port. It loads its modules,
 * prints `WARM`, and waits for a line `GO` on stdin before it opens the store, so that the
 * test can start the next process while the current one runs (loading the protocol takes
 * seconds; opening and replaying the store is what a restart is about). Once it serves it
 * prints `READY <port>`.
 *
 * @example
 * ```sh
 * echo GO | CW_DB_PATH=/tmp/x/seq.db CW_TEST_USERS=16 node --import tsx sequencer/testing/crashChild.ts
 * ```
 */
import { pino } from 'pino'
import { RollupState, applyQueueEntry } from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { parseConfig } from '../config/index.ts'
import { createSequencer } from '../createSequencer.ts'
import { createRpcServer } from '../rpc/createRpcServer.ts'
import { warmUpCrypto } from '../crypto/cryptoJobs.ts'
import { TEST_ROLLUP, TEST_SEQUENCER_KEY } from './testSequencer.ts'
import { awaitGo } from './awaitGo.ts'

// Compile the crypto's WebAssembly now, not after GO (the sequencer's own warm-up is then quick).
warmUpCrypto({ domain: 1n })
await awaitGo()
const users = Number(process.env.CW_TEST_USERS ?? 16)
const world = testWorld({ users, chainId: 31337n, rollupAddress: BigInt(TEST_ROLLUP) })
const genesis = new RollupState({ depth: 8 })
for (let u = 0; u < users; u++) applyQueueEntry({ state: genesis, entry: world.deposit({ user: u, amount: 10n ** 18n }), exitPosition: 0 })
const config = parseConfig({
  chainId: 31337,
  rollupAddress: TEST_ROLLUP,
  sequencerKey: TEST_SEQUENCER_KEY,
  dbPath: process.env.CW_DB_PATH,
  params: 'test',
  workers: Number(process.env.CW_WORKERS ?? 1),
  synchronous: process.env.CW_DB_SYNCHRONOUS ?? 'FULL',
  blockIntervalMs: Number(process.env.CW_BLOCK_INTERVAL_MS ?? 50),
  logLevel: 'silent',
  http: { port: 0 },
  rateLimit: { callsPerSecond: 0, burst: 1 },
})
const sequencer = await createSequencer({ config, genesis, logger: pino({ level: 'silent' }), onCritical: () => process.exit(3) })
const app = createRpcServer({ sequencer })
sequencer.start()
await app.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write(`READY ${(app.server.address() as { port: number }).port}\n`)
