import type { Address } from 'viem'
import { getContractEvents, readContract } from 'viem/actions'
import { counterweightRollupAbi, type TxListOpening } from '../../../../l1-contracts/index.ts'
import { computeRoot, poseidon, poseidon2 } from '../../../../protocol/index.ts'
import type { L1Client } from '../../client/types.ts'

/** What L1 says about a tx-list opening (see {@link txListOpeningOnL1}). */
export interface OpeningOnL1 {
  /** The opening matches the chunk's `txListCommitment` as L1 committed it (`ChunkCommitted`), with its Merkle proof. */
  valid: boolean
  /** Who committed the batch (`batchInfo`); `slashReordered` requires the preconfirmation's signer. */
  committer: Address | undefined
  /** L1 has finalized the batch. */
  finalized: boolean
}

/**
 * Checks a node's tx-list opening against L1 alone: the chunk's `txListCommitment` public input
 * from its latest `ChunkCommitted` event must be `Poseidon(firstSeq, txCount, root)`, and the
 * leaf `Poseidon(sequence, txHash)` with `siblings` at `slot` must lead to `root` (protocol's
 * Poseidon Merkle tree, the check the slasher makes). Also reads the batch's committer and
 * whether it is finalized. A node can then not fake a verdict.
 *
 * @example
 * ```ts
 * const { valid, finalized } = await txListOpeningOnL1(l1, { rollup, opening, sequence: 42n })
 * ```
 */
export async function txListOpeningOnL1(l1: L1Client, params: { rollup: Address; opening: TxListOpening; sequence: bigint; fromBlock?: bigint }): Promise<OpeningOnL1> {
  const { rollup, opening: o } = params
  const [logs, info, heads] = await Promise.all([
    getContractEvents(l1, { address: rollup, abi: counterweightRollupAbi, eventName: 'ChunkCommitted', args: { batch: o.batch }, fromBlock: params.fromBlock ?? 0n, toBlock: 'latest' }),
    readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName: 'batchInfo', args: [o.batch] }),
    readContract(l1, { address: rollup, abi: counterweightRollupAbi, functionName: 'heads' }),
  ])
  const record = (info as readonly [{ committer: Address; chunkCount: number }, ...unknown[]])[0]
  const committed = (heads as readonly bigint[])[3]!
  const finalized = o.batch <= (heads as readonly bigint[])[4]!
  // The latest commitment of that chunk (a reverted batch's number is reused).
  const inputs = logs.filter((l) => l.args.chunk === o.chunk).at(-1)?.args.publicInputs
  const known = o.batch >= 1n && o.batch <= committed && o.chunk < BigInt(record.chunkCount) && inputs !== undefined
  const valid =
    known &&
    poseidon([o.firstSeq, o.txCount, o.root]) === inputs![5] &&
    params.sequence >= o.firstSeq &&
    params.sequence < o.firstSeq + o.txCount &&
    computeRoot({ leaf: poseidon2(params.sequence, o.txHash), index: o.slot, siblings: o.siblings }) === o.root
  return { valid, committer: known ? record.committer : undefined, finalized }
}
