import type { SignatureSource } from '../l1/signatureSource.ts'
import { decodeEventLog, encodeFunctionData, type Address, type Hex } from 'viem'
import { blobBatch, simulateWithBlob, calldataBatchData, chunkClaims, counterweightRollupAbi, sendBlobTransaction, type ContractProof } from '../../l1-contracts/index.ts'
import { buildChunk, type Chunk, type RollupState } from '../../protocol/index.ts'
import type { RollupNode } from '../../sequencer/node/index.ts'
import { TakeOverError, TxRevertedError } from '../errors.ts'
import type { ServiceLogger } from '../proverService.ts'
import { finalizeProvenBatches } from '../l1/finalizeProvenBatches.ts'
import { l1ProofJobSource } from '../l1/l1ProofJobSource.ts'
import { l1ProofSink } from '../l1/l1ProofSink.ts'
import type { ProofSystem } from '../l1/proofSystem.ts'
import { revertName, rollupContract, type L1PublicClient, type L1WalletClient, type RollupContract } from '../l1/rollupContract.ts'

/** One step of a take-over, for progress displays (also logged). */
export interface TakeOverProgress {
  stage: 'check' | 'pending' | 'build' | 'prove' | 'send' | 'done'
  message: string
  batch?: bigint
  chunk?: number
  of?: number
  elapsedMs?: number
}

/** What a take-over did. */
export interface TakeOverResult {
  /** Batches someone else committed that this take-over proved (where needed) and finalized first. */
  finalizedPending: bigint[]
  /** An expired, unprovable pending batch that the take-over transaction reverted (with every later one). */
  revertedFrom: bigint | undefined
  /** The batch committed, proven and finalized in one transaction; undefined when finalizing the pending batches left nothing overdue. */
  batch: bigint | undefined
  /** Its chunks (queue entries only), with their exits (`exitClaimArgs` takes them). */
  chunks: Chunk[]
  queueStart: bigint
  queueEnd: bigint
  da: 'blob' | 'calldata'
  transactionHash: Hex | undefined
  gasUsed: bigint | undefined
}

const noop: ServiceLogger = { info() {}, warn() {}, error() {} }

/**
 * Take-over (issue 6, item 3): when a queue entry has waited longer than the inclusion delay
 * without being consumed by a finalized batch (`permissionless()`), anyone with a node and a
 * prover commits, proves and finalizes a batch that consumes it, in one transaction
 * (`commitAndProve` with a blob, or `commitAndProveCalldata`), with no key or help from the
 * sequencer: everything comes from L1 through `node`.
 *
 * 1. Syncs the node (create it with `confirmations: 0n`: the transaction must build on what L1
 *    holds now; if L1 changes meanwhile the proofs no longer match and it reverts).
 * 2. Refuses (`TakeOverError`) in escape mode or while nothing is overdue (saying when the
 *    oldest entry becomes overdue).
 * 3. Pending batches someone committed: proves their unproven chunks with `system` and
 *    finalizes them, in order. A pending batch this node cannot prove (data missing or not the
 *    rollup's) must be past its proof window: the take-over transaction then reverts it and
 *    every later one; before that it refuses with `PENDING_BATCH`.
 * 4. Builds chunks with `protocol`'s `buildChunk` on the state after the last batch that stays
 *    (checked against L1's root) that consume the queue from there: every entry L1 holds, up to
 *    a full batch (`maxChunksPerBatch` chunks of `nQueue` entries), and no L2 transactions.
 * 5. Proves them, checks the call with a calldata simulation, sends it, and returns the batch
 *    with its chunks (their exits can be claimed once it is final, which it is at once).
 *    When an entry became overdue while proving (`QueueEntryOverdue`), it builds again with it.
 *
 * @example
 * ```ts
 * const node = await createNode({ client: publicClient, rollup, fromBlock, storePath: ':memory:', blobs, options: { confirmations: 0n } })
 * const r = await takeOver({ node, publicClient, walletClient, rollup, system: groth16ProofSystem(keys), onProgress: (p) => console.log(p.message) })
 * console.log(`batch ${r.batch} consumed queue entries ${r.queueStart}..${r.queueEnd}`)
 * ```
 */
export async function takeOver(params: {
  node: RollupNode
  publicClient: L1PublicClient
  walletClient: L1WalletClient
  rollup: Address
  system: ProofSystem
  /** Where the batch data goes (default blob). */
  da?: 'blob' | 'calldata'
  logger?: ServiceLogger
  onProgress?: (p: TakeOverProgress) => void
  /** Signatures of pending batches' L2 transactions (from the sequencer, if it answers); without them such batches expire and are reverted. */
  signatures?: SignatureSource
}): Promise<TakeOverResult> {
  const { node, publicClient, walletClient, system } = params
  const logger = params.logger ?? noop
  const da = params.da ?? 'blob'
  const rollup = rollupContract({ publicClient, walletClient, address: params.rollup })
  const progress = (p: TakeOverProgress): void => {
    logger.info({ stage: p.stage, ...(p.batch !== undefined ? { batch: String(p.batch) } : {}), ...(p.chunk !== undefined ? { chunk: p.chunk, of: p.of } : {}), ...(p.elapsedMs !== undefined ? { elapsedMs: p.elapsedMs } : {}) }, p.message)
    params.onProgress?.(p)
  }

  await node.sync()
  let h = await rollup.heads()
  if (h.escapeMode) throw new TakeOverError({ reason: 'ESCAPE_MODE', message: 'the rollup is in escape mode: withdraw with escape proofs instead' })
  if (!(await rollup.read<boolean>('permissionless'))) throw await notOverdue(rollup, h.finalizedQueue, h.queueLength)
  progress({ stage: 'check', message: `queue entry ${h.finalizedQueue} is overdue: taking over` })

  // Pending batches: prove and finalize what can be, or let the take-over revert an expired one.
  const finalizedPending: bigint[] = []
  let revertedFrom: bigint | undefined
  const source = l1ProofJobSource({ node, rollup, logger, ...(params.signatures ? { signatures: params.signatures } : {}) })
  const sink = l1ProofSink({ rollup, system, logger, finalize: false })
  for (let guard = 0; guard < 10_000; guard++) {
    finalizedPending.push(...(await finalizeProvenBatches({ rollup, logger })))
    h = await rollup.heads()
    if (h.committedBatches === h.finalizedBatches) break
    const first = h.finalizedBatches + 1n
    const job = await source.next()
    if (job) {
      const started = Date.now()
      progress({ stage: 'pending', message: `proving pending batch ${job.batch} chunk ${job.chunkIndex}`, batch: job.batch, chunk: job.chunkIndex })
      await sink.submit(job, await system.prove({ chunk: job.chunk, wasm: system.wasm, zkey: system.zkey }))
      progress({ stage: 'pending', message: `pending batch ${job.batch} chunk ${job.chunkIndex} proven`, batch: job.batch, chunk: job.chunkIndex, elapsedMs: Date.now() - started })
      continue
    }
    const deadline = await rollup.read<bigint>('proofDeadline', [first])
    const now = (await publicClient.getBlock({ blockTag: 'latest' })).timestamp
    if (now <= deadline) {
      throw new TakeOverError({ reason: 'PENDING_BATCH', message: `batch ${first} is committed and not proven, and this node cannot prove it (${source.idle ?? 'unknown'}); its proof window ends at L1 time ${deadline} (now ${now}): run again after it` })
    }
    revertedFrom = first
    progress({ stage: 'pending', message: `batch ${first} is past its proof window unproven: the take-over reverts it`, batch: first })
    break
  }
  if (!(await rollup.read<boolean>('permissionless'))) {
    progress({ stage: 'done', message: `pending batches ${finalizedPending.join(', ')} finalized; nothing overdue is left` })
    return { finalizedPending, revertedFrom, batch: undefined, chunks: [], queueStart: h.finalizedQueue, queueEnd: h.finalizedQueue, da, transactionHash: undefined, gasUsed: undefined }
  }

  for (let attempt = 1; ; attempt++) {
    await node.sync()
    h = await rollup.heads()
    const built = await buildTakeOverChunks({ node, rollup, baseBatch: revertedFrom !== undefined ? revertedFrom - 1n : h.committedBatches, queueLength: h.queueLength })
    // A blob batch is proven as bound to its blob (challenge from the blob and the data commitments).
    const blobBound = da === 'blob' ? blobBatch({ params: node.context.identity.params, chunks: built.chunks }) : undefined
    if (blobBound) built.chunks = blobBound.chunks
    progress({ stage: 'build', message: `built ${built.chunks.length} chunk(s) consuming queue entries ${built.queueStart}..${built.queueEnd - 1n}`, of: built.chunks.length })
    const proofs: ContractProof[] = []
    for (const [k, chunk] of built.chunks.entries()) {
      const started = Date.now()
      progress({ stage: 'prove', message: `proving chunk ${k + 1} of ${built.chunks.length}`, chunk: k, of: built.chunks.length })
      const proof = await system.prove({ chunk, wasm: system.wasm, zkey: system.zkey })
      proofs.push(system.encode({ chunk, proof }))
      progress({ stage: 'prove', message: `chunk ${k + 1} of ${built.chunks.length} proven`, chunk: k, of: built.chunks.length, elapsedMs: Date.now() - started })
    }
    const claims = chunkClaims({ chunks: built.chunks, queueStart: built.queueStart })
    const data = calldataBatchData({ params: node.context.identity.params, chunks: built.chunks.map((c) => c.data) })
    try {
      // A dry run of the very call (a blob batch as if its blob were attached).
      if (blobBound) {
        const call = encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitAndProve', args: [claims, blobBound.opening, proofs] })
        await simulateWithBlob({ publicClient, from: walletClient.account.address, to: rollup.address, abi: counterweightRollupAbi, functionName: 'commitAndProve', data: call, blob: blobBound.blob })
      } else {
        await publicClient.simulateContract({ account: walletClient.account, address: rollup.address, abi: counterweightRollupAbi, functionName: 'commitAndProveCalldata', args: [data, claims, proofs] } as never)
      }
    } catch (e) {
      if (revertName(e) === 'QueueEntryOverdue' && attempt < 3) {
        progress({ stage: 'build', message: 'another queue entry became overdue while proving: building again with it' })
        continue
      }
      throw e
    }
    progress({ stage: 'send', message: `sending commitAndProve${da === 'calldata' ? 'Calldata' : ''} (${built.chunks.length} chunk(s))` })
    const receipt =
      da === 'blob'
        ? await sendBlobTransaction({
            walletClient,
            publicClient,
            to: rollup.address,
            data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitAndProve', args: [claims, blobBound!.opening, proofs] }),
            blob: blobBound!.blob,
          })
        : await rollup.send('commitAndProveCalldata', [data, claims, proofs])
    if (receipt.status !== 'success') throw new TxRevertedError({ what: 'commitAndProve', transactionHash: receipt.transactionHash })
    let batch: bigint | undefined
    for (const log of receipt.logs) {
      try {
        const ev = decodeEventLog({ abi: counterweightRollupAbi, data: log.data, topics: log.topics })
        if (ev.eventName === 'BatchFinalized') batch = (ev.args as { batch: bigint }).batch
      } catch {
        // another contract's event
      }
    }
    progress({ stage: 'done', message: `batch ${batch} committed, proven and finalized: queue entries ${built.queueStart}..${built.queueEnd - 1n} consumed`, ...(batch !== undefined ? { batch } : {}) })
    return { finalizedPending, revertedFrom, batch, chunks: built.chunks, queueStart: built.queueStart, queueEnd: built.queueEnd, da, transactionHash: receipt.transactionHash, gasUsed: receipt.gasUsed }
  }
}

/**
 * The chunks of a take-over batch on top of batch `baseBatch`: the state after it (the node's,
 * checked against L1's root), queue entries from its queue end up to `queueLength` (at most a
 * full batch), `nQueue` per chunk, no L2 transactions.
 *
 * @example
 * ```ts
 * const { chunks, queueStart } = await buildTakeOverChunks({ node, rollup, baseBatch: 4n, queueLength: 9n })
 * ```
 */
export async function buildTakeOverChunks(params: { node: RollupNode; rollup: RollupContract; baseBatch: bigint; queueLength: bigint }): Promise<{ chunks: Chunk[]; queueStart: bigint; queueEnd: bigint }> {
  const { node, rollup, baseBatch } = params
  const { store, state, undos, identity } = node.context
  const lastApplied = store.lastApplied()?.number ?? 0n
  if (lastApplied < baseBatch) throw new TakeOverError({ reason: 'NODE_BEHIND', message: `the node has applied batches up to ${lastApplied}, the take-over builds on batch ${baseBatch} (${store.batch(baseBatch)?.status ?? 'not read yet'})` })
  if (store.queueLength() < params.queueLength) throw new TakeOverError({ reason: 'NODE_BEHIND', message: `the node knows ${store.queueLength()} queue entries, L1 holds ${params.queueLength}` })
  const later = undos.filter((u) => u.batch > baseBatch)
  const base: RollupState = later.length ? state.viewBefore(later.map((u) => u.undo)) : state.head
  const info = await rollup.batchInfo(baseBatch)
  const l1Root = baseBatch === 0n ? identity.genesisStateRoot : info.stateRoot
  if (base.root !== l1Root) throw new TakeOverError({ reason: 'STATE_MISMATCH', message: `the node's state after batch ${baseBatch} has root ${base.root}, L1 recorded ${l1Root}` })
  const b = baseBatch === 0n ? undefined : store.batch(baseBatch)
  const queueStart = baseBatch === 0n ? 0n : info.queueEnd
  const firstSeq = b ? (b.firstSeq ?? 0n) + BigInt(b.txCount ?? 0) : 0n
  const p = identity.params
  const maxChunks = Number(await rollup.read<bigint>('maxChunksPerBatch'))
  const available = Number(params.queueLength - queueStart)
  const count = Math.min(available, maxChunks * p.nQueue)
  if (count <= 0) throw new TakeOverError({ reason: 'NOTHING_TO_CONSUME', message: `no queue entry after position ${queueStart} to consume` })
  const entries = store.queueEntries(queueStart, count).map((e) => e.entry)
  const working = base.fork() // never written back: the node's state stays as L1 left it
  const chunks: Chunk[] = []
  for (let from = 0; from < count; from += p.nQueue) {
    const startHash = store.queueHashAt(queueStart + BigInt(from))
    if (startHash === undefined) throw new TakeOverError({ reason: 'NODE_BEHIND', message: `the node lacks the queue hash at ${queueStart + BigInt(from)}` })
    const c = buildChunk({ state: working, params: p, domain: identity.domain, queue: { entries: entries.slice(from, from + p.nQueue), startHash }, txs: [], firstSeq, feeAccounts: [] })
    c.state.commit()
    chunks.push(c)
  }
  return { chunks, queueStart, queueEnd: queueStart + BigInt(count) }
}

async function notOverdue(rollup: RollupContract, oldest: bigint, queueLength: bigint): Promise<TakeOverError> {
  if (oldest >= queueLength) return new TakeOverError({ reason: 'NOT_OVERDUE', message: 'every queue entry is consumed by a finalized batch: nothing to take over' })
  const [time, delay] = await Promise.all([rollup.read<bigint>('queueEntryTime', [oldest]), rollup.read<bigint>('inclusionDelay')])
  return new TakeOverError({ reason: 'NOT_OVERDUE', message: `queue entry ${oldest} is not overdue yet: anyone may take over after L1 time ${time + delay}` })
}
