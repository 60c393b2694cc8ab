/**
 * A test sequencer on anvil (TESTS ONLY): queue operations from real L1 accounts, chunks built
 * with protocol's `buildChunk` on the committed head, batches committed as blobs or calldata,
 * proven with the INSECURE mock verifier and finalized. Its `state` is the reference a node
 * must agree with after every batch. It can also commit bad data (garbage or truncated blobs,
 * wrong claims) and revert expired batches.
 */
import { decodeEventLog, encodeFunctionData, parseEther, type Address, type Hex, type TransactionReceipt } from 'viem'
import {
  FIRST_SEQUENCE,
  RollupState,
  TEST_PARAMS,
  buildChunk,
  derivePublicKey,
  encodeBatchBlob,
  queueChain,
  queueEntryFromFields,
  signTx,
  type Chunk,
  type ChunkParams,
  type L2Tx,
  type Point,
  type QueueEntry,
  type Signature,
  type SignedL2Tx,
} from '../../../protocol/index.ts'
import { randomTx, type Prng, type TestWorld } from '../../../protocol/transition/testWorld.ts'
import {
  ROLLUP_SETTINGS,
  balanceBlobClaims,
  blobBatch,
  calldataBatchData,
  chunkClaims,
  counterweightRollupAbi,
  deployRollup,
  insecureMockProof,
  sendBlobTransaction,
  type BlobOpening,
  type ChunkClaim,
  type RollupDeployment,
} from '../../../l1-contracts/index.ts'
import type { Anvil } from '../../../test/harness/anvil.ts'

/** An L1 account (an anvil dev account) with its L2 key. */
export interface DriverUser {
  address: Address
  wallet: number
  privateKey: Uint8Array
  publicKey: Point
}

/** A batch the driver committed (and L1 did not revert). */
export interface DriverBatch {
  number: bigint
  chunks: Chunk[]
  root: bigint
  /** Queue position before and after. */
  queueStart: bigint
  queueEnd: bigint
  da: 'blob' | 'calldata'
  blob: Uint8Array | undefined
  receipt: TransactionReceipt
}

/** Chunks built on a fork of the driver's committed state (see {@link RollupDriver.buildChunks}). */
export interface BuiltBatch {
  chunks: Chunk[]
  /** The fork holding their changes; committing the batch honestly commits it. */
  state: RollupState
  queueStart: bigint
  queueEnd: bigint
  seqEnd: bigint
  /** Built on top of another uncommitted (or bad) batch instead of the driver's state. */
  base: BuiltBatch | undefined
}

/** A queue operation the driver sends from a user's L1 account. */
export type QueueOp =
  | { kind: 'deposit'; user: number; amount: bigint; toIndex?: bigint; withKey?: boolean }
  | { kind: 'setKey'; user: number; index: bigint }
  | { kind: 'forcedTransfer'; user: number; from: bigint; to: bigint; amount: bigint }
  | { kind: 'forcedWithdraw'; user: number; from: bigint; amount: bigint }

/**
 * The test sequencer. `state` is the state after every committed batch; `finalized` the last
 * finalized batch number.
 *
 * @example
 * ```ts
 * const driver = await RollupDriver.create({ anvil })
 * await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('1') })
 * const batch = await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'blob' })
 * await driver.proveAndFinalize(batch.number)
 * ```
 */
export class RollupDriver {
  readonly anvil: Anvil
  readonly d: RollupDeployment
  readonly params: ChunkParams
  readonly users: DriverUser[]
  readonly world: TestWorld
  state: RollupState
  readonly entries: QueueEntry[] = []
  /** Queue position after the last committed batch. */
  consumed = 0n
  /** Sequence number of the next included transaction (the node's convention: a running count). */
  seq = FIRST_SEQUENCE
  /** Owners' signatures of every committed L2 transaction, by sequence number (what the sequencer serves provers). */
  readonly signatures = new Map<bigint, Signature>()

  /** The driver's signatures as a prover's signature source (`get(firstSeq, count)`), like the sequencer's `rollup_getTransactionSignatures`. */
  signatureSource(): { get(firstSeq: bigint, count: number): Promise<Signature[]> } {
    return {
      get: async (firstSeq, count) =>
        Array.from({ length: count }, (_, i) => {
          const s = this.signatures.get(firstSeq + BigInt(i))
          if (!s) throw new Error(`the driver has no signature for sequence ${firstSeq + BigInt(i)}`)
          return s
        }),
    }
  }
  readonly batches: DriverBatch[] = []
  finalized = 0n
  private readonly nonces = new Map<bigint, bigint>()

  private constructor(anvil: Anvil, d: RollupDeployment, params: ChunkParams, users: DriverUser[]) {
    this.anvil = anvil
    this.d = d
    this.params = params
    this.users = users
    this.state = new RollupState({ depth: params.depth })
    this.world = {
      domain: d.domain,
      users: users.map((u) => ({ address: BigInt(u.address), privateKey: u.privateKey, publicKey: u.publicKey })),
      sign: (user: number, tx: L2Tx) => signTx({ tx, privateKey: users[user]!.privateKey, domain: d.domain }),
      deposit: () => {
        throw new Error('not used')
      },
    }
  }

  /** Deploys a rollup with the INSECURE mock verifier; users are anvil accounts 1..users. */
  static async create(params: { anvil: Anvil; params?: ChunkParams; users?: number }): Promise<RollupDriver> {
    const { anvil } = params
    const p = params.params ?? TEST_PARAMS
    const d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: p, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
    const users = Array.from({ length: params.users ?? 4 }, (_, i) => {
      const privateKey = new Uint8Array(32).fill(0x40 + i)
      return { address: anvil.accounts[i + 1]!.address, wallet: i + 1, privateKey, publicKey: derivePublicKey(privateKey) }
    })
    return new RollupDriver(anvil, d, p, users)
  }

  async read<T>(functionName: string, args: readonly unknown[] = []): Promise<T> {
    return (await this.anvil.publicClient.readContract({ address: this.d.rollup, abi: counterweightRollupAbi, functionName, args } as never)) as T
  }

  async send(wallet: number, functionName: string, args: readonly unknown[], value = 0n): Promise<TransactionReceipt> {
    const hash = await this.anvil.walletClients[wallet]!.writeContract({ address: this.d.rollup, abi: counterweightRollupAbi, functionName, args, value } as never)
    const receipt = await this.anvil.publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`)
    return receipt
  }

  /** Sends a queue operation and records the entry L1 emitted. */
  async queue(op: QueueOp): Promise<QueueEntry> {
    const fee = await this.read<bigint>('queueFee')
    const u = this.users[op.user]!
    const receipt =
      op.kind === 'deposit'
        ? await this.send(u.wallet, 'depositETH', [op.amount, op.toIndex ?? 0n, op.withKey === false ? 0n : u.publicKey.x, op.withKey === false ? 0n : u.publicKey.y], op.amount + fee)
        : op.kind === 'setKey'
          ? await this.send(u.wallet, 'setKey', [op.index, u.publicKey.x, u.publicKey.y], fee)
          : op.kind === 'forcedTransfer'
            ? await this.send(u.wallet, 'forcedTransfer', [op.from, op.to, op.amount], fee)
            : await this.send(u.wallet, 'forcedWithdraw', [op.from, op.amount], fee)
    for (const log of receipt.logs) {
      try {
        const ev = decodeEventLog({ abi: counterweightRollupAbi, data: log.data, topics: log.topics, eventName: 'QueueEntryAdded' })
        const a = ev.args as unknown as Record<string, bigint | string>
        const entry = queueEntryFromFields({
          kind: a.kind as bigint,
          sender: BigInt(a.sender as string),
          index: a.index as bigint,
          tokenId: a.tokenId as bigint,
          toIndex: a.toIndex as bigint,
          amount: a.amount as bigint,
          pubKeyX: a.pubKeyX as bigint,
          pubKeyY: a.pubKeyY as bigint,
        })
        this.entries.push(entry)
        return entry
      } catch {
        // another event
      }
    }
    throw new Error('no QueueEntryAdded in the receipt')
  }

  /** A random queue operation against the committed state: mostly valid, sometimes a no-op or a refund. */
  randomQueueOp(r: Prng): QueueOp {
    const user = r.int(this.users.length)
    const next = Number(this.state.nextIndex)
    const owned = [...this.state.allAccounts()].filter(([, a]) => a.owner === BigInt(this.users[user]!.address)).map(([i]) => i)
    const mine = owned.length && r.chance(0.8) ? r.pick(owned) : BigInt(r.int(next + 1))
    const amount = BigInt(1 + r.int(1000)) * 10n ** 15n
    switch (r.int(6)) {
      case 0:
      case 1:
        return { kind: 'deposit', user, amount, withKey: r.chance(0.85) }
      case 2:
        return { kind: 'deposit', user, amount, toIndex: BigInt(r.int(next + 1)) }
      case 3:
        return { kind: 'setKey', user, index: mine }
      case 4:
        return { kind: 'forcedTransfer', user, from: mine, to: BigInt(1 + r.int(Math.max(next - 1, 1))), amount: amount / 4n }
      default:
        return { kind: 'forcedWithdraw', user, from: mine, amount: amount / 8n }
    }
  }

  /** `count` random signed transactions against `state` (some invalid: buildChunk refuses those). */
  randomTxs(r: Prng, count: number, state: RollupState = this.state): SignedL2Tx[] {
    for (const [i, a] of state.allAccounts()) if (!this.nonces.has(i) || this.nonces.get(i)! < a.nonce) this.nonces.set(i, a.nonce)
    const out: SignedL2Tx[] = []
    for (let k = 0; k < count; k++) {
      const t = randomTx(this.world, r, state, this.nonces)
      if (t) out.push(t)
    }
    return out
  }

  /**
   * Builds chunks on a fork of the committed state until every pending queue entry is consumed
   * and every transaction was offered (at most `maxChunks`), consuming the queue in order.
   * Nothing is committed: pass the chunks to {@link commit}.
   */
  buildChunks(params: { txs: readonly SignedL2Tx[]; maxChunks?: number; minChunks?: number; base?: BuiltBatch }): BuiltBatch {
    const { base } = params
    const state = (base?.state ?? this.state).fork()
    const chain = queueChain(this.entries)
    const queueStart = base ? base.queueEnd : this.consumed
    let pos = Number(queueStart)
    let seq = base?.seqEnd ?? this.seq
    let offered = [...params.txs]
    const chunks: Chunk[] = []
    while (chunks.length < (params.maxChunks ?? 8) && (pos < this.entries.length || offered.length > 0 || chunks.length < (params.minChunks ?? 1))) {
      const entries = this.entries.slice(pos, pos + this.params.nQueue)
      const feeAccounts = [...state.allAccounts()].filter(([, a]) => a.tokenId === 0n).slice(0, 1).map(([i]) => i)
      const c = buildChunk({ state, params: this.params, domain: this.d.domain, queue: { entries, startHash: pos === 0 ? 0n : chain[pos - 1]! }, txs: offered, firstSeq: seq, feeAccounts })
      c.state.commit()
      chunks.push(c)
      pos += entries.length
      seq += BigInt(c.txCount)
      offered = offered.filter((_, i) => c.txOutcomes[i]!.status === 'rejected' && (c.txOutcomes[i] as { reason: string }).reason === 'CHUNK_FULL')
      if (c.txCount === 0 && entries.length === 0 && chunks.length >= (params.minChunks ?? 1)) break
    }
    return { chunks, state, queueStart, queueEnd: BigInt(pos), seqEnd: seq, base }
  }

  /**
   * Commits chunks built by {@link buildChunks} on the committed head as a blob or calldata
   * batch. `blob` / `claims` replace the honest ones (bad data): then the driver's state does
   * not move and the batch is not remembered (revert it with {@link revertFrom}).
   * `commitAndProve` commits, proves (mock proofs) and finalizes in one transaction (every
   * earlier batch must be finalized).
   */
  async commit(params: { built: BuiltBatch; da: 'blob' | 'calldata'; blob?: Uint8Array; claims?: ChunkClaim[]; commitAndProve?: boolean }): Promise<DriverBatch> {
    let { chunks } = params.built
    const honest = params.blob === undefined && params.claims === undefined && params.built.base === undefined
    if (honest && params.built.queueStart !== this.consumed) throw new Error('these chunks were not built on the committed head')
    let claims = params.claims ?? chunkClaims({ chunks, queueStart: params.built.queueStart })
    let receipt: TransactionReceipt
    let blob: Uint8Array | undefined
    if (params.da === 'blob') {
      let opening: BlobOpening
      if (params.blob === undefined && params.claims === undefined) {
        // honest: the chunks bound to their blob
        const b = blobBatch({ params: this.params, chunks })
        ;({ blob, chunks, opening } = b)
        claims = chunkClaims({ chunks, queueStart: params.built.queueStart })
      } else {
        // bad data or claims: shares balanced so that the commit itself passes
        blob = params.blob ?? encodeBatchBlob({ params: this.params, chunks: chunks.map((c) => c.data) })
        ;({ claims, opening } = balanceBlobClaims({ params: this.params, blob, claims }))
      }
      receipt = await sendBlobTransaction({
        walletClient: this.anvil.walletClient,
        publicClient: this.anvil.publicClient,
        to: this.d.rollup,
        data: params.commitAndProve
          ? encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitAndProve', args: [claims, opening, chunks.map((c) => insecureMockProof(c.publicInputs))] })
          : encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [claims, opening] }),
        blob,
      })
      if (receipt.status !== 'success') throw new Error('commitBatch reverted')
    } else {
      const data = calldataBatchData({ params: this.params, chunks: chunks.map((c) => c.data) })
      receipt = params.commitAndProve
        ? await this.send(0, 'commitAndProveCalldata', [data, claims, chunks.map((c) => insecureMockProof(c.publicInputs))])
        : await this.send(0, 'commitBatchCalldata', [data, claims])
    }
    const [, , , committed] = await this.read<readonly bigint[]>('heads')
    const batch: DriverBatch = {
      number: committed!,
      chunks,
      root: claims.at(-1)!.newStateRoot,
      queueStart: params.built.queueStart,
      queueEnd: claims.at(-1)!.queueEnd,
      da: params.da,
      blob,
      receipt,
    }
    if (params.commitAndProve) this.finalized = batch.number
    if (honest) {
      for (const c of params.built.chunks) for (const t of c.txSlots) if (t.tx && t.signature) this.signatures.set(t.seq, t.signature)
      params.built.state.commit()
      this.seq = params.built.seqEnd
      this.consumed = batch.queueEnd
      this.batches.push(batch)
    }
    return batch
  }

  /** Proves every chunk (mock proofs) and finalizes the batch. */
  async proveAndFinalize(batch: bigint): Promise<void> {
    const b = this.batches.find((x) => x.number === batch)
    if (!b) throw new Error(`unknown batch ${batch}`)
    for (const [k, c] of b.chunks.entries()) await this.send(0, 'prove', [batch, BigInt(k), c.publicInputs, insecureMockProof(c.publicInputs)])
    await this.send(0, 'finalize', [batch])
    this.finalized = batch
  }

  /** Moves L1 time past the proof window and reverts batches from `batch` (which must not be in the driver's state). */
  async revertFrom(batch: bigint): Promise<void> {
    if (this.batches.some((b) => b.number >= batch)) throw new Error('the driver does not revert batches it accepted')
    await this.anvil.testClient.increaseTime({ seconds: Number(ROLLUP_SETTINGS.test.proofWindow) + 1 })
    await this.anvil.testClient.mine({ blocks: 1 })
    await this.send(0, 'revertExpiredBatches', [batch])
  }

  /**
   * Takes an L1 snapshot (`evm_snapshot`) and a copy of the driver's own state; the function
   * returned reverts both (`evm_revert`), so that the test can mine a different history from
   * there: an L1 reorg as a node sees it (the blocks after the snapshot are replaced).
   */
  async snapshot(): Promise<() => Promise<void>> {
    const id = await this.anvil.testClient.snapshot()
    const copy = new RollupState({ depth: this.params.depth })
    for (const [i, a] of this.state.allAccounts()) if (copy.allocate(a) !== i) throw new Error('accounts are not contiguous')
    const saved = { entries: this.entries.length, consumed: this.consumed, seq: this.seq, batches: this.batches.length, finalized: this.finalized, nonces: new Map(this.nonces) }
    return async () => {
      if ((await this.anvil.testClient.request({ method: 'evm_revert', params: [id] } as never)) !== true) throw new Error(`evm_revert ${id} failed`)
      this.state = copy
      this.entries.length = saved.entries
      this.consumed = saved.consumed
      this.seq = saved.seq
      this.batches.length = saved.batches
      this.finalized = saved.finalized
      this.nonces.clear()
      for (const [k, v] of saved.nonces) this.nonces.set(k, v)
    }
  }

  /** The state root L1 finalized last. */
  finalizedRoot(): Promise<bigint> {
    return this.read<bigint>('lastFinalizedStateRoot')
  }

  /** Hex of the rollup address (for node configuration). */
  get rollup(): Hex {
    return this.d.rollup
  }
}
