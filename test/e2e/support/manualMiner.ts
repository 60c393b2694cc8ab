import type { Anvil } from '../../../test/harness/anvil.ts'

/** Control of anvil's blocks for a reorg scenario; see {@link manualMiner}. */
export interface ManualMiner {
  /** Mines a block every `intervalMs` in the background until {@link ManualMiner.pause}. */
  run(): void
  /** Stops the background mining and waits for a block being mined to finish. */
  pause(): Promise<void>
  /** Mines `blocks` blocks now (mining must be paused). */
  mine(blocks: number): Promise<void>
  /** Current head. */
  head(): Promise<bigint>
  /** Stops for good. */
  stop(): Promise<void>
}

/**
 * Takes block production from anvil's interval mining into the test's hands: interval
 * mining and automine are switched off; `run()` mines a block every `intervalMs` (faster
 * than the devnet's 1-second blocks, so deep confirmation counts pass quickly), `pause()`
 * holds blocks back so that transactions gather in the pool and land in one chosen block.
 *
 * @example
 * ```ts
 * const miner = await manualMiner({ anvil, intervalMs: 250 })
 * await miner.pause(); await miner.mine(1); miner.run()
 * ```
 */
export async function manualMiner(params: { anvil: Anvil; intervalMs: number }): Promise<ManualMiner> {
  const { anvil, intervalMs } = params
  await anvil.testClient.setIntervalMining({ interval: 0 })
  await anvil.testClient.setAutomine(false)
  let running = false
  let loop: Promise<void> = Promise.resolve()
  const head = () => anvil.publicClient.getBlockNumber({ cacheTime: 0 })
  return {
    run() {
      if (running) return
      running = true
      loop = (async () => {
        while (running) {
          await anvil.testClient.mine({ blocks: 1 }).catch(() => {})
          await new Promise((r) => setTimeout(r, intervalMs))
        }
      })()
    },
    async pause() {
      running = false
      await loop
    },
    async mine(blocks) {
      if (running) throw new Error('manualMiner.mine: pause the background mining first')
      await anvil.testClient.mine({ blocks })
    },
    head,
    async stop() {
      running = false
      await loop
    },
  }
}
