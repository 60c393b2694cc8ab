import type { Sequencer } from '../../createSequencer.ts'
import { JSON_RPC_CODE, RpcError } from '../../errors/index.ts'
import type { BlockRow } from '../../store/rows.ts'
import type { BlockRef } from '../Params.ts'

/**
 * The durable block a reference names, or undefined. `latest` and `pending` are the latest
 * sealed block; `earliest` is block 0; `safe` and `finalized` are block 0 until batches are
 * committed and finalized on L1 (a later phase): nothing after genesis is final on L1 yet.
 *
 * @example
 * ```ts
 * findBlock(sequencer, { tag: 'latest' })?.number
 * ```
 */
export function findBlock(sequencer: Sequencer, ref: BlockRef): BlockRow | undefined {
  if ('tag' in ref) {
    if (ref.tag === 'latest' || ref.tag === 'pending') return sequencer.sealer.latest
    return sequencer.store.blockByNumber(0)
  }
  if ('hash' in ref) return sequencer.store.blockByHash(ref.hash)
  const latest = sequencer.sealer.latest
  return ref.number > BigInt(latest.number) ? undefined : sequencer.store.blockByNumber(Number(ref.number))
}

/**
 * Checks that a state query names the current state: no block, `latest`, `pending`, or the
 * latest block by number or hash. The sequencer keeps no historical state (the node, which
 * rebuilds from L1, will serve committed roots): an older block is error 4444, an unknown one
 * -39001.
 *
 * @example
 * ```ts
 * assertLatestState(sequencer, p.blockRef(1, true))
 * ```
 */
export function assertLatestState(sequencer: Sequencer, ref: BlockRef | undefined): void {
  if (!ref || ('tag' in ref && (ref.tag === 'latest' || ref.tag === 'pending'))) return
  const latest = sequencer.sealer.latest
  const block = findBlock(sequencer, ref)
  if (!block) throw new RpcError({ rpcCode: JSON_RPC_CODE.UNKNOWN_BLOCK, code: 'UNKNOWN_BLOCK', message: 'unknown block' })
  if (block.number !== latest.number) {
    throw new RpcError({
      rpcCode: JSON_RPC_CODE.HISTORY_UNAVAILABLE,
      code: 'HISTORY_UNAVAILABLE',
      message: `state at block ${block.number} is not kept: the sequencer serves the latest state only (block ${latest.number}, "latest" or "pending")`,
    })
  }
}
