/**
 * An L1 that lives in memory (TESTS AND BENCHMARKS ONLY): events given up front, a head that
 * the caller moves. Lets the whole node pipeline run without anvil.
 */
import { getAddress, type Address, type Hex } from 'viem'
import type { BlockInfo, L1Reader, RollupConfigView } from '../l1/l1Reader.ts'
import { sortEvents, type RollupEvent } from '../l1/rollupEvent.ts'

/** The in-memory L1; `head` may be moved by the caller. */
export interface MemoryL1 extends L1Reader {
  head: bigint
  /** Events by block (appendable). */
  readonly log: RollupEvent[]
  calls: number
}

/**
 * An {@link L1Reader} over events held in memory. Blocks have hash `0x..<number>` and
 * timestamp `1000 + number`.
 *
 * @example
 * ```ts
 * const l1 = memoryL1Reader({ rollup, chainId: 31337, config, events })
 * l1.head = 10n
 * ```
 */
export function memoryL1Reader(params: { rollup: Address; chainId: number; config: RollupConfigView; events: readonly RollupEvent[]; calldata?: Map<Hex, Hex> }): MemoryL1 {
  const log = sortEvents(params.events)
  const l1: MemoryL1 = {
    rollup: getAddress(params.rollup),
    head: log.at(-1)?.at.blockNumber ?? 0n,
    log,
    calls: 0,
    chainId: async () => params.chainId,
    headBlock: async () => {
      l1.calls++
      return l1.head
    },
    rollupConfig: async () => params.config,
    events: async ({ fromBlock, toBlock }) => {
      l1.calls++
      return l1.log.filter((e) => e.at.blockNumber >= fromBlock && e.at.blockNumber <= toBlock && e.at.blockNumber <= l1.head)
    },
    block: async (number): Promise<BlockInfo> => ({ number, hash: blockHash(number), timestamp: 1000n + number }),
    calldataBatch: async (hash) => params.calldata?.get(hash),
  }
  return l1
}

/** The hash {@link memoryL1Reader} gives block `n`. @example blockHash(5n) */
export function blockHash(n: bigint): Hex {
  return `0x${n.toString(16).padStart(64, '0')}`
}
