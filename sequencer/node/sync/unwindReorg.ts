import { L1ReorgTooDeepError } from '../errors.ts'
import type { NodeContext } from '../nodeContext.ts'

/** What {@link unwindReorg} did when L1 had reorganized. */
export interface ReorgOutcome {
  /** The last L1 block the node still agrees with (everything after it was unwound). */
  commonBlock: bigint
  /** The last block the node had read before (the reorg's depth from the node's view: `processed - common`). */
  processedBlock: bigint
  /** Applied batches undone (newest first) and batches forgotten (committed in replaced blocks). */
  undone: bigint[]
  forgotten: bigint[]
  queueDropped: bigint
}

/**
 * Detects an L1 reorg below the node's processed block and unwinds it: the hash of the last
 * block read is compared with L1's (one `eth_getBlockByNumber`); when it differs (or L1 is now
 * shorter), the remembered blocks are walked down to the last one L1 still has (the common
 * ancestor), and everything read after it is unwound in one SQLite transaction: the applied
 * batches committed after it are undone with their undo records (newest first), those batches
 * and the queue entries after it are forgotten, and the processed block and cursor go back to
 * it; then the state in memory follows. The next range read re-syncs the new chain. A reorg
 * replacing a block that holds a finalization, a revert or escape mode (which drop undo records
 * or batches) is an {@link L1ReorgTooDeepError}. Returns undefined when L1 did not reorganize.
 *
 * @example
 * ```ts
 * const reorg = await unwindReorg(node.context, { l1Head })
 * if (reorg) console.warn(`L1 reorg: unwound to block ${reorg.commonBlock}`)
 * ```
 */
export async function unwindReorg(ctx: NodeContext, params: { l1Head: bigint }): Promise<ReorgOutcome | undefined> {
  const { store, l1, state, logger } = ctx
  const processed = store.processedBlock
  if (processed < store.identity.fromBlock) return undefined
  const stored = store.l1BlockHash(processed)
  if (stored === undefined) return undefined
  const same = async (n: bigint, hash: string): Promise<boolean> => n <= params.l1Head && (await l1.block(n)).hash.toLowerCase() === hash
  if (await same(processed, stored)) return undefined

  let common = store.identity.fromBlock - 1n
  for (const b of store.l1BlocksDown(processed)) {
    if (await same(b.number, b.hash)) {
      common = b.number
      break
    }
    if (b.irreversible) throw new L1ReorgTooDeepError({ block: b.number, message: `L1 block ${b.number}, which held a finalization, a revert or escape mode, was replaced` })
  }
  const batches = store.batchesAfterBlock(common)
  const applied = batches.filter((b) => b.status === 'applied').map((b) => b.number)
  const undos = ctx.undos.filter((u) => applied.includes(u.batch))
  if (undos.length !== applied.length) throw new L1ReorgTooDeepError({ block: common + 1n, message: `an applied batch committed after block ${common} is finalized` })
  const queueBefore = store.queueLength()
  store.transaction(() => {
    for (const u of [...undos].reverse()) store.recordReverted({ number: u.batch, undo: u.undo })
    if (batches.length) store.deleteBatchesFrom(batches[0]!.number)
    store.forgetL1After(common)
    store.addReport({
      batch: batches[0]?.number,
      chunk: undefined,
      code: 'L1_REORG',
      reason: undefined,
      severity: 'warning',
      message: `L1 reorg: blocks ${common + 1n}..${processed} were replaced; undid ${applied.length} applied batches, forgot ${batches.length} batches and ${queueBefore - store.queueLength()} queue entries`,
      l1Block: common,
    })
  })
  for (const u of [...undos].reverse()) state.revert(u.undo)
  ctx.undos.splice(ctx.undos.length - undos.length, undos.length)
  const outcome: ReorgOutcome = { commonBlock: common, processedBlock: processed, undone: [...applied].reverse(), forgotten: batches.map((b) => b.number), queueDropped: queueBefore - store.queueLength() }
  logger.warn({ common: common.toString(), processed: processed.toString(), undone: applied.map(String), forgotten: outcome.forgotten.map(String), queueDropped: outcome.queueDropped.toString() }, 'L1 reorg unwound')
  return outcome
}
