import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { RollupState, applyQueueEntry } from '../../protocol/index.ts'
import { testWorld, type TestWorld } from '../../protocol/transition/testWorld.ts'
import { parseConfig, type SequencerConfig } from '../config/index.ts'
import { createSequencer, type Sequencer } from '../createSequencer.ts'

/** anvil's first key: the test sequencer's preconfirmation key. */
export const TEST_SEQUENCER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
export const TEST_ROLLUP = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const

/** A running test sequencer, its world of users, and how to clean up. */
export interface TestSequencer {
  sequencer: Sequencer
  world: TestWorld
  config: SequencerConfig
  dir: string
  /** Stops the sequencer and deletes its store unless `keep`. */
  close(keep?: boolean): Promise<void>
}

/**
 * A sequencer for tests: a temporary store, the test world's users each holding an ETH
 * account at genesis (user `i` owns account `i + 1`, balance `balance`), one crypto worker,
 * quiet logs. `config` overrides any configuration field.
 *
 * @example
 * ```ts
 * const t = await testSequencer({ users: 3 })
 * await t.sequencer.submit(t.world.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 5n, fee: 0n, nonce: 0n }))
 * await t.close()
 * ```
 */
export async function testSequencer(params: { users?: number; balance?: bigint; config?: Record<string, unknown>; dir?: string } = {}): Promise<TestSequencer> {
  const world = testWorld({ users: params.users ?? 4, chainId: 31337n, rollupAddress: BigInt(TEST_ROLLUP) })
  const dir = params.dir ?? mkdtempSync(join(tmpdir(), 'cw-seq-'))
  const config = parseConfig({
    chainId: 31337,
    rollupAddress: TEST_ROLLUP,
    sequencerKey: TEST_SEQUENCER_KEY,
    dbPath: join(dir, 'sequencer.db'),
    params: 'test',
    workers: 1,
    synchronous: 'NORMAL',
    logLevel: 'silent',
    blockIntervalMs: 60_000,
    ...params.config,
  })
  const genesis = new RollupState({ depth: config.params.depth })
  for (let u = 0; u < world.users.length; u++) applyQueueEntry({ state: genesis, entry: world.deposit({ user: u, amount: params.balance ?? 10n ** 18n }), exitPosition: 0 })
  const sequencer = await createSequencer({ config, genesis, logger: pino({ level: config.logLevel }) })
  return {
    sequencer,
    world,
    config,
    dir,
    async close(keep = false) {
      await sequencer.stop()
      if (!keep) rmSync(dir, { recursive: true, force: true })
    },
  }
}
