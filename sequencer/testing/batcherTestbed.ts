import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { deployRollup, ROLLUP_SETTINGS, type RollupDeployment } from '../../l1-contracts/index.ts'
import { TEST_PARAMS } from '../../protocol/index.ts'
import { testWorld, type TestWorld } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { parseConfig, type SequencerConfig } from '../config/index.ts'
import { TEST_SEQUENCER_KEY } from './testSequencer.ts'

/** What the batcher's anvil tests share: anvil, a rollup (mock verifier, test settings, 1 ETH bond), users and a sequencer config. */
export interface BatcherTestbed {
  anvil: Anvil
  d: RollupDeployment
  world: TestWorld
  /** A temporary folder holding the sequencer's store (`sequencer.db`). */
  dir: string
  config: SequencerConfig
  /** Stops anvil and removes `dir`. */
  close(): Promise<void>
}

/**
 * Starts anvil, deploys a rollup with the mock verifier and the test settings, and checks a
 * sequencer config against it (TEST params, inline crypto, confirmations 0, poll 50 ms,
 * batches of at most 4 chunks).
 *
 * @example
 * ```ts
 * const bed = await batcherTestbed({ name: 'overdue', users: 3, maxBatchAgeMs: 10_000, deadlineMarginSeconds: 10 })
 * const seq = await createSequencer({ config: bed.config, ... })
 * await bed.close()
 * ```
 */
export async function batcherTestbed(params: { name: string; users: number; maxBatchAgeMs: number; deadlineMarginSeconds: number }): Promise<BatcherTestbed> {
  const anvil = await startAnvil()
  try {
    const d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
    const world = testWorld({ users: params.users, chainId: 31337n, rollupAddress: BigInt(d.rollup) })
    const dir = mkdtempSync(join(tmpdir(), `cw-${params.name}-`))
    const config = parseConfig({
      chainId: 31337,
      rollupAddress: d.rollup,
      sequencerKey: TEST_SEQUENCER_KEY,
      dbPath: join(dir, 'sequencer.db'),
      params: 'test',
      workers: 0,
      synchronous: 'NORMAL',
      logLevel: 'silent',
      l1: { rpcUrl: anvil.rpcUrl, confirmations: 0, pollMs: 50, fromBlock: d.blockNumber },
      batcher: { maxBatchAgeMs: params.maxBatchAgeMs, maxChunks: 4, deadlineMarginSeconds: params.deadlineMarginSeconds },
    })
    return {
      anvil,
      d,
      world,
      dir,
      config,
      close: async () => {
        await anvil.stop()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (e) {
    await anvil.stop()
    throw e
  }
}
