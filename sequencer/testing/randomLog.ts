import { RollupState, applyDaTx, applyQueueEntry, resolveL2Tx, txHash, type ChunkParams } from '../../protocol/index.ts'
import { randomQueueEntry, randomTx, type Prng, type TestWorld } from '../../protocol/transition/testWorld.ts'
import type { LogItem } from '../batcher/readLogItems.ts'

/**
 * A random durable log as the sequencer writes it: queue entries and transactions admitted
 * against the pending view (signature, nonce, balance and fee account checked), in order,
 * from an empty genesis: the first entries create the fee accounts (`feeAccounts` should be the
 * first indices) in earlier chunks than the first transaction.
 *
 * @example
 * ```ts
 * const { items } = randomLog({ r: prng(1), w: testWorld({ users: 5 }), params: TEST_PARAMS, length: 60, feeAccounts: [1n, 2n] })
 * ```
 */
export function randomLog(params: { r: Prng; w: TestWorld; params: ChunkParams; length: number; feeAccounts: readonly bigint[] }): { items: LogItem[]; view: RollupState } {
  const { r, w, length, feeAccounts } = params
  const P = params.params
  const view = new RollupState({ depth: P.depth })
  const items: LogItem[] = []
  let position = 0
  let seq = 1
  // The opening deposits create the fee accounts; nQueue more entries keep them out of the
  // first chunk with transactions (a chunk checks its fee accounts before its queue entries).
  let opening = P.nQueue
  for (let i = 0; i < length; i++) {
    if (Number(view.nextIndex) <= feeAccounts.length) opening = P.nQueue
    if (Number(view.nextIndex) <= feeAccounts.length || opening-- > 0 || r.chance(0.15)) {
      const entry = randomQueueEntry(w, r, view)
      applyQueueEntry({ state: view, entry, exitPosition: 0 })
      items.push({ kind: 'queue', position: position++, entry, origin: undefined, seenMs: 0 })
      continue
    }
    const signed = randomTx(w, r, view, new Map())
    if (!signed) continue
    const res = resolveL2Tx({ state: view, signed, domain: w.domain })
    if (!res.ok) continue
    const tokenId = view.get(res.da.from)!.tokenId
    if (res.da.fee > 0n && !feeAccounts.some((f) => view.get(f)?.tokenId === tokenId)) continue
    applyDaTx({ state: view, tx: res.da, exitPosition: 0 })
    const hash = Buffer.from(txHash({ tx: signed.tx, domain: w.domain }).toString(16).padStart(64, '0'), 'hex')
    items.push({ kind: 'tx', seq: seq++, tx: { seq: seq - 1, hash, signed, acceptedMs: 0, l1Deadline: 0 } })
  }
  return { items, view }
}
