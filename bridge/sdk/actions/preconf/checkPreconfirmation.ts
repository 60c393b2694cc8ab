import type { Address } from 'viem'
import { getBlock } from 'viem/actions'
import type { TxListOpening } from '../../../../l1-contracts/index.ts'
import { txListOpeningFromJson, type PreconfirmationJson, type SignedPreconfirmation } from '../../../../sequencer/index.ts'
import { sequencerRequest } from '../../client/sequencerRequest.ts'
import type { L1Client, SequencerClient } from '../../client/types.ts'
import { InvalidPreconfirmationError } from '../../errors/InvalidPreconfirmationError.ts'
import { getSequencerAddress } from '../l1/getSequencerAddress.ts'
import { getRollupHeads } from '../status/getRollupHeads.ts'
import { txListOpeningOnL1 } from './txListOpeningOnL1.ts'
import { verifyPreconfirmation } from './verifyPreconfirmation.ts'

/**
 * Whether a preconfirmation was kept: `honoured` (the committed chunk holds its transaction at
 * its number), `pending` (not committed yet, deadline not passed, or the node has not caught
 * up with L1), `reordered` (a committed chunk holds another transaction at its number),
 * `missed` (deadline passed, L1's last committed chunk ends before its number), `invalid` (not
 * a valid promise of this rollup's sequencer).
 */
export type PreconfirmationVerdict = 'honoured' | 'pending' | 'reordered' | 'missed' | 'invalid'

/** What {@link checkPreconfirmation} found. */
export interface PreconfirmationCheck {
  verdict: PreconfirmationVerdict
  /** One sentence saying why. */
  reason: string
  /** The verified preconfirmation (undefined when `invalid`). */
  signed: SignedPreconfirmation | undefined
  /** `reordered` / `honoured`: the opening of the committed chunk at that number (L1's transaction there). */
  opening: TxListOpening | undefined
  /** `missed`: L1's last committed chunk's commitment preimage, as `slashMissed` takes it (zeros before any batch). */
  lastChunk: { firstSeq: bigint; txCount: bigint; root: bigint; publicInputs: bigint[] } | undefined
  /**
   * Whether L1 would accept a slashing claim now: `reordered` in a finalized batch committed
   * by the signer; `missed` once L1's time passed the deadline.
   */
  slashable: boolean
}

const check = (c: Partial<PreconfirmationCheck> & Pick<PreconfirmationCheck, 'verdict' | 'reason'>): PreconfirmationCheck => ({
  signed: undefined,
  opening: undefined,
  lastChunk: undefined,
  slashable: false,
  ...c,
})

/**
 * Checks a preconfirmation against L1 and a node (`rollup_getTxListOpening`): verifies it
 * (chain, rollup, EIP-712 signature by the rollup's `sequencer()`), then asks the node for the
 * transaction the committed chunk holds at its sequence number. The node is trusted only for
 * what L1 can check: its opening is checked against the chunk's `txListCommitment` as L1
 * committed it ({@link txListOpeningOnL1}; one that does not match answers `pending`: ask
 * another node), and a `missed` verdict requires the node to have applied L1's last committed
 * batch.
 *
 * @example
 * ```ts
 * const c = await checkPreconfirmation(l1, { preconfirmation: json, node, rollup, chainId: 31337n })
 * if (c.slashable) await slashPreconfirmation(wallet, { rollup, check: c })
 * ```
 */
export async function checkPreconfirmation(
  l1: L1Client,
  params: { preconfirmation: PreconfirmationJson; node: SequencerClient; rollup: Address; chainId: bigint; sequencer?: Address; fromBlock?: bigint },
): Promise<PreconfirmationCheck> {
  const sequencer = params.sequencer ?? (await getSequencerAddress(l1, { rollup: params.rollup }))
  let signed: SignedPreconfirmation
  try {
    signed = await verifyPreconfirmation({ json: params.preconfirmation, chainId: params.chainId, rollup: params.rollup, sequencer })
  } catch (e) {
    if (e instanceof InvalidPreconfirmationError) return check({ verdict: 'invalid', reason: e.shortMessage })
    throw e
  }
  const seq = signed.sequence
  const r = await sequencerRequest(params.node, { method: 'rollup_getTxListOpening', params: [`0x${seq.toString(16)}`] })
  if (r.opening) {
    const opening = txListOpeningFromJson(r.opening)
    const onL1 = await txListOpeningOnL1(l1, { rollup: params.rollup, opening, sequence: seq, ...(params.fromBlock !== undefined ? { fromBlock: params.fromBlock } : {}) })
    if (!onL1.valid) {
      return check({ verdict: 'pending', reason: `the node's opening of sequence ${seq} (batch ${opening.batch} chunk ${opening.chunk}) does not match what L1 committed: ask another node`, signed })
    }
    if (opening.txHash === BigInt(signed.txHash)) {
      return check({ verdict: 'honoured', reason: `batch ${opening.batch} chunk ${opening.chunk} holds transaction ${signed.txHash} at sequence ${seq}`, signed, opening })
    }
    const bySigner = onL1.committer?.toLowerCase() === sequencer.toLowerCase()
    const slashable = onL1.finalized && bySigner
    const why = !bySigner ? ` (batch ${opening.batch} was committed by ${onL1.committer}, not the sequencer: not slashable)` : !onL1.finalized ? ` (batch ${opening.batch} is not finalized yet: slashable once it is)` : ''
    return check({ verdict: 'reordered', reason: `batch ${opening.batch} chunk ${opening.chunk} holds another transaction (0x${opening.txHash.toString(16).padStart(64, '0')}) at sequence ${seq}${why}`, signed, opening, slashable })
  }
  const [block, heads] = await Promise.all([getBlock(l1, { blockTag: 'latest' }), getRollupHeads(l1, { rollup: params.rollup })])
  const applied = BigInt(r.head.appliedBatch)
  if (block.timestamp <= signed.l1Deadline) {
    return check({ verdict: 'pending', reason: `sequence ${seq} is not committed yet (the node's batches hold up to ${BigInt(r.head.nextSequence) - 1n}); its deadline ${signed.l1Deadline} has not passed (L1 time ${block.timestamp})`, signed })
  }
  if (applied !== heads.committedBatches) {
    return check({ verdict: 'pending', reason: `the deadline passed, but the node has applied batch ${applied} of ${heads.committedBatches} committed on L1: check again once it caught up`, signed })
  }
  const last = r.head.lastChunk
  const lastChunk = last
    ? { firstSeq: BigInt(last.firstSeq), txCount: BigInt(last.txCount), root: BigInt(last.root), publicInputs: last.publicInputs.map(BigInt) }
    : { firstSeq: 0n, txCount: 0n, root: 0n, publicInputs: [] }
  return check({ verdict: 'missed', reason: `deadline ${signed.l1Deadline} passed (L1 time ${block.timestamp}) and L1's committed batches end before sequence ${seq}`, signed, lastChunk, slashable: true })
}
