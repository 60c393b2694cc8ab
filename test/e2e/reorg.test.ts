/**
 * Scenario 5, reorg (real anvil L1, real blobs, real Groth16 proofs checked by the generated
 * verifier). The sequencer, its L1 transaction manager and the prover wait for
 * {@link CONFIRMATIONS} blocks (more than the deepest reorg), the devnet's node for 1 (so it
 * reads the doomed blocks and must unwind them). For each depth d in 1, 5, 30: block
 * production is held, an L2 transfer makes the sequencer commit a batch, Bob deposits on L1
 * and Alice sends a forced withdrawal; all three land in ONE block h+1, d-1 more blocks
 * follow, then the chain is reverted to h (`evm_snapshot` / `evm_revert`: the d blocks are
 * dropped) and a different chain is mined (an empty block first, so the replacement of h+1
 * differs). The user transactions are re-broadcast as a mempool would (the same signed
 * bytes); the batch commit is re-sent by the sequencer's L1 transaction manager on its own.
 * Then: the deposit and the forced withdrawal each hold exactly one queue position on L1 (the
 * two positions they held before; re-broadcast in their old order) and are credited exactly once on L2; the batch is re-committed at the
 * same sequencer nonce (no nonce skipped or reused in the canonical chain), proven and
 * finalized; the devnet's node (which read the dropped blocks) agrees with the sequencer; at
 * the end a fresh node rebuilt from L1 matches the sequencer's roots at every batch (scenario 7).
 */
import { decodeEventLog, parseEther, type Hex, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SequencerUnavailableError } from '../../bridge/index.ts'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { retrying, startE2eDevnet, type E2eDevnet } from './e2eDevnet.ts'
import { expectRebuildMatches } from './support/expectRebuildMatches.ts'
import { manualMiner, type ManualMiner } from './support/manualMiner.ts'
import { rebuildFromL1 } from './support/rebuildFromL1.ts'
import { rpcCall } from './support/rpcCall.ts'

/** Confirmations of the sequencer (queue follower and L1 transaction manager) and the prover: above the deepest reorg. */
const CONFIRMATIONS = 32
const DEPTHS = [1, 5, 30] as const
const ALICE = 1
const BOB = 2
const log = (line: string) => console.log(`[reorg] ${line}`)

type Pool = Record<string, Record<string, { hash: Hex }>>

describe('e2e: L1 reorgs of depth 1, 5 and 30 (real proofs)', () => {
  let e: E2eDevnet
  let miner: ManualMiner
  let pub: PublicClient
  const keys: Record<number, Awaited<ReturnType<ReturnType<E2eDevnet['sdk']>['deriveL2Key']>>> = {}
  const index: Record<number, bigint> = {}

  const account = async (i: bigint) => {
    const r = (await rpcCall({ url: e.devnet.info.sequencer!.rpcUrl, method: 'rollup_getAccount', params: [`0x${i.toString(16)}`] })).result as { balance: string; nonce: string }
    return { balance: BigInt(r.balance), nonce: BigInt(r.nonce) }
  }
  const pool = async (): Promise<Pool> => ((await pub.request({ method: 'txpool_content' as never })) as { pending: Pool }).pending
  const pendingOf = (p: Pool, address: string): Hex[] => Object.values(p[address.toLowerCase()] ?? Object.fromEntries(Object.entries(p).filter(([a]) => a.toLowerCase() === address.toLowerCase()).flatMap(([, v]) => Object.entries(v)))).map((t) => t.hash)
  const heads = () => e.sdk(ALICE).getRollupHeads()
  /** Waits until every committed batch is finalized and every queue entry on L1 is committed. */
  const settled = () =>
    retrying({
      fn: async () => {
        const h = await heads()
        if (h.finalizedBatches !== h.committedBatches || h.committedQueue !== h.queueLength) throw new Error(`not settled: batches ${h.finalizedBatches}/${h.committedBatches}, queue ${h.committedQueue}/${h.queueLength}`)
        return h
      },
      retry: () => true,
      attempts: 480,
    })
  const sequencerNonces = async () => {
    const seq = e.devnet.info.sequencer!.address.toLowerCase()
    const head = await pub.getBlockNumber({ cacheTime: 0 })
    const nonces: number[] = []
    for (let b = 0n; b <= head; b++) {
      const block = await pub.getBlock({ blockNumber: b, includeTransactions: true })
      for (const tx of block.transactions) if (tx.from.toLowerCase() === seq) nonces.push(tx.nonce)
    }
    return nonces.sort((a, b) => a - b)
  }

  beforeAll(async () => {
    const env = { CW_L1_CONFIRMATIONS: String(CONFIRMATIONS), CW_L1_RESUBMIT_AFTER_MS: '3000', CW_BATCH_DATA_PATH: 'blob', CW_BATCH_MAX_AGE_MS: '4000' }
    e = await startE2eDevnet({ name: 'reorg', extraEnv: { sequencer: env, prover: { CW_PROVER_CONFIRMATIONS: String(CONFIRMATIONS) } } })
    pub = e.devnet.anvil.publicClient as PublicClient
    miner = await manualMiner({ anvil: e.devnet.anvil, intervalMs: 250 })
    miner.run()
    // Both deposits at once: one batch for the prover.
    await Promise.all(
      [ALICE, BOB].map(async (who) => {
        const sdk = e.sdk(who)
        keys[who] = await sdk.deriveL2Key()
        await sdk.depositEth({ amount: parseEther('3'), key: keys[who] })
        // A loaded machine may make one poll time out: retry on an unreachable sequencer.
        index[who] = (await retrying({ fn: () => sdk.waitForAccount({ owner: e.devnet.anvil.accounts[who]!.address, publicKey: keys[who]!.publicKey }), retry: (x) => x instanceof SequencerUnavailableError })).index
      }),
    )
    await settled()
    log(`Alice is L2 account ${index[ALICE]}, Bob ${index[BOB]}; sequencer and prover wait ${CONFIRMATIONS} confirmations, the node 1`)
  }, 600_000)

  afterAll(async () => {
    await miner?.stop()
    await e?.stop()
  }, 60_000)

  /** What the rounds added, checked once every entry is consumed. */
  const totals = { aliceOut: 0n, bobIn: 0n, forcedPositions: [] as bigint[], depositPositions: [] as bigint[], batches: [] as bigint[] }
  let start: { alice: bigint; bob: bigint; queueLength: bigint } | undefined
  /** Block where the previous round's entries were re-included: the next round's batch consumes them. */
  let reincludedAt: bigint | undefined

  for (const depth of DEPTHS) {
    it(`depth ${depth}: a block holding a deposit, a forced withdrawal and a batch commit is dropped; the entries keep their positions, the batch is re-committed at its nonce`, async () => {
      const alice = e.sdk(ALICE)
      const bob = e.sdk(BOB)
      const seq = e.devnet.info.sequencer!.address
      start ??= { alice: (await account(index[ALICE]!)).balance, bob: (await account(index[BOB]!)).balance, queueLength: (await heads()).queueLength }
      const amounts = { transfer: parseEther('0.01') * BigInt(depth), deposit: parseEther('0.2'), forced: parseEther('0.05') }

      await miner.pause()
      // The previous round's entries become confirmed for the sequencer right after the transfer,
      // so that one batch consumes them with it (fewer batches for the prover).
      if (reincludedAt !== undefined) {
        const ready = reincludedAt + BigInt(CONFIRMATIONS) - 1n
        const h0 = await miner.head()
        if (ready > h0) await miner.mine(Number(ready - h0))
      }
      await alice.transfer({ key: keys[ALICE]!, from: index[ALICE]!, to: index[BOB]!, amount: amounts.transfer })
      await miner.mine(1)
      const h = await miner.head()
      const deposit = bob.depositEth({ amount: amounts.deposit, toIndex: index[BOB]! }).catch(() => undefined)
      const forced = alice.forcedWithdraw({ from: index[ALICE]!, amount: amounts.forced }).catch(() => undefined)
      // All three wait in the pool: the commit (sealed at the batch age), the deposit and the forced entry.
      const doomed = await retrying({
        fn: async () => {
          const p = await pool()
          const s = pendingOf(p, seq)
          const a = pendingOf(p, e.devnet.anvil.accounts[ALICE]!.address)
          const b = pendingOf(p, e.devnet.anvil.accounts[BOB]!.address)
          if (s.length !== 1 || a.length !== 1 || b.length !== 1) throw new Error(`pool: sequencer ${s.length}, alice ${a.length}, bob ${b.length}`)
          return { commit: s[0]!, forced: a[0]!, deposit: b[0]! }
        },
        retry: () => true,
        attempts: 60,
      })
      const snapshot = await e.devnet.anvil.testClient.snapshot()
      await miner.mine(1)
      const dropped = await pub.getBlock({ blockNumber: h + 1n })
      expect(dropped.transactions).toEqual(expect.arrayContaining([doomed.commit, doomed.deposit, doomed.forced]))
      const [depositReceipt, forcedReceipt, commitTx] = [await pub.getTransactionReceipt({ hash: doomed.deposit }), await pub.getTransactionReceipt({ hash: doomed.forced }), await pub.getTransaction({ hash: doomed.commit })]
      const positionOf = (r: typeof depositReceipt): bigint => {
        for (const l of r.logs) {
          const ev = decodeEventLog({ abi: counterweightRollupAbi, data: l.data, topics: l.topics, strict: false })
          if (ev.eventName === 'QueueEntryAdded') return (ev.args as { position: bigint }).position
        }
        throw new Error(`no QueueEntryAdded in ${r.transactionHash}`)
      }
      const before = { deposit: positionOf(depositReceipt), forced: positionOf(forcedReceipt), commitNonce: commitTx.nonce, commitType: commitTx.type }
      const committedEv = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'BatchCommitted', blockHash: dropped.hash })
      expect(committedEv.length).toBe(1)
      const batch = committedEv[0]!.args.batch!
      // Re-broadcast in their old queue order (a mempool would hold both; the new order is L1's choice).
      const byPosition = before.deposit < before.forced ? [doomed.deposit, doomed.forced] : [doomed.forced, doomed.deposit]
      const raws = await Promise.all(byPosition.map((hash) => pub.request({ method: 'eth_getRawTransactionByHash' as never, params: [hash] as never }) as Promise<Hex>))
      if (depth > 1) await miner.mine(depth - 1)
      // Let the devnet's node (1 confirmation) read the doomed blocks before they go.
      await new Promise((r) => setTimeout(r, 2500))
      expect(await miner.head()).toBe(h + BigInt(depth))

      // evm_revert drops the blocks and anvil's pool with them: the users' wallets broadcast
      // again; the sequencer's L1 transaction manager must notice and re-send on its own.
      expect(await e.devnet.anvil.testClient.revert({ id: snapshot })).toBeUndefined()
      expect(await miner.head()).toBe(h)
      await miner.mine(1) // the replacement of block h+1: an empty, different block
      const replacement = await pub.getBlock({ blockNumber: h + 1n, includeTransactions: true })
      expect(replacement.hash).not.toBe(dropped.hash)
      // Different and without the doomed transactions or any of the sequencer's: the prover
      // may land a proof of an earlier batch here (its own key; the prover works on).
      const doomedHashes = [doomed.commit, doomed.deposit, doomed.forced]
      const others = replacement.transactions.filter((t) => !doomedHashes.includes(t.hash) && t.from.toLowerCase() !== seq.toLowerCase())
      expect(replacement.transactions.filter((t) => doomedHashes.includes(t.hash) || t.from.toLowerCase() === seq.toLowerCase())).toEqual([])
      if (others.length > 0) log(`depth ${depth}: the replacement block also holds ${others.length} transaction(s) of others (${others.map((t) => t.from.slice(0, 10)).join(', ')})`)
      // The manager notices its nonce is no longer mined and re-sends the commit (after
      // resubmitAfterMs); it lands first, then the users' re-broadcast entries, so that the
      // next round's batch can take both them and its transfer once they are confirmed.
      const resent = await retrying({
        fn: async () => {
          const s = pendingOf(await pool(), seq)
          if (s.length !== 1) throw new Error(`the sequencer has ${s.length} transactions in the pool`)
          return s[0]!
        },
        retry: () => true,
        attempts: 60,
      })
      await miner.mine(1)
      for (const raw of raws) await pub.sendRawTransaction({ serializedTransaction: raw })
      await miner.mine(1)
      reincludedAt = h + 3n
      expect((await pub.getTransactionReceipt({ hash: resent })).blockNumber).toBe(h + 2n)
      log(`depth ${depth}: block ${h + 1n} (${dropped.hash.slice(0, 10)}) held deposit @${before.deposit}, forced withdrawal @${before.forced} and the commit of batch ${batch} (sequencer nonce ${before.commitNonce}, type ${before.commitType}); ${depth} block(s) dropped, block ${h + 1n} replaced by ${replacement.hash.slice(0, 10)} (without them), the commit re-sent by the manager (${resent.slice(0, 10)}) in block ${h + 2n}, the user transactions re-included in block ${reincludedAt}`)
      miner.run()
      await Promise.all([deposit, forced])

      // The batch re-committed by the manager, at the same nonce, once.
      const recommit = await retrying({
        fn: async () => {
          const c = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock: h + 1n })
          const mine = c.filter((x) => x.args.batch === batch)
          if (mine.length === 0) throw new Error(`batch ${batch} not re-committed yet`)
          return mine
        },
        retry: () => true,
        attempts: 60,
      })
      expect(recommit.length).toBe(1)
      const recommitTx = await pub.getTransaction({ hash: recommit[0]!.transactionHash })
      expect(recommitTx.nonce).toBe(before.commitNonce)
      expect(recommitTx.type).toBe('eip4844')
      // Each entry once on L1, at its old position.
      const queueEvents = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'QueueEntryAdded', fromBlock: BigInt(e.devnet.info.rollup.deploymentBlock) })
      const positions = queueEvents.map((x) => x.args.position!)
      expect(positions).toEqual(positions.map((_, i) => BigInt(i)))
      // Each entry exactly once on the new chain (its position is where L1 put it again).
      const count = (hash: Hex) => queueEvents.filter((x) => x.transactionHash === hash).length
      expect([count(doomed.deposit), count(doomed.forced)]).toEqual([1, 1])
      const canonical = new Map(queueEvents.map((x) => [x.transactionHash, x.args.position!]))
      expect(new Set([canonical.get(doomed.deposit), canonical.get(doomed.forced)])).toEqual(new Set([before.deposit, before.forced]))
      log(`depth ${depth}: batch ${batch} re-committed by the L1 transaction manager in block ${recommit[0]!.blockNumber} at nonce ${recommitTx.nonce} (blob tx ${recommit[0]!.transactionHash.slice(0, 10)}, was ${doomed.commit.slice(0, 10)}); L1 queue positions 0..${positions.length - 1} each once; deposit @${before.deposit} -> @${canonical.get(doomed.deposit)}, forced @${before.forced} -> @${canonical.get(doomed.forced)}`)
      totals.aliceOut += amounts.transfer + amounts.forced
      totals.bobIn += amounts.transfer + amounts.deposit
      totals.forcedPositions.push(before.forced)
      totals.depositPositions.push(before.deposit)
      totals.batches.push(batch)
    }, 300_000)
  }

  it('after the reorgs: every entry credited exactly once, batches 1..n committed once and finalized, no sequencer nonce skipped, the node agrees', async () => {
    const after = await settled()
    const [alice, bob] = [await account(index[ALICE]!), await account(index[BOB]!)]
    log(`Alice ${start!.alice} -> ${alice.balance} (out ${totals.aliceOut}); Bob ${bob.balance - totals.bobIn} + ${totals.bobIn} = ${bob.balance} (started ${start!.bob})`)
    expect(start!.alice - alice.balance).toBe(totals.aliceOut)
    expect(bob.balance - start!.bob).toBe(totals.bobIn)
    expect(after.queueLength).toBe(start!.queueLength + 2n * BigInt(DEPTHS.length))
    for (const position of totals.forcedPositions) expect((await e.sdk(ALICE).getQueueEntryStatus({ position })).status).toBe('consumed')
    const commits = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock: BigInt(e.devnet.info.rollup.deploymentBlock) })
    const numbers = commits.map((c) => c.args.batch!)
    expect(numbers).toEqual(numbers.map((_, i) => BigInt(i + 1)))
    expect(after.finalizedBatches).toBe(BigInt(numbers.length))
    const nonces = await sequencerNonces()
    const count = await pub.getTransactionCount({ address: e.devnet.info.sequencer!.address })
    expect(nonces).toEqual(Array.from({ length: count }, (_, i) => i))
    log(`batches 1..${numbers.length} committed once each and finalized (dropped and re-committed: ${totals.batches.join(', ')}); sequencer L1 nonces 0..${count - 1} in canonical blocks, none skipped or reused; ${after.queueLength} queue entries, all consumed`)
    // The devnet's node read the dropped blocks (1 confirmation) and unwound them: it agrees with the sequencer.
    await retrying({
      fn: async () => {
        for (const [who, want] of [[ALICE, alice.balance], [BOB, bob.balance]] as const) {
          const node = (await rpcCall({ url: e.devnet.info.node!.rpcUrl, method: 'rollup_getAccount', params: [`0x${index[who]!.toString(16)}`] })).result as { balance: string } | undefined
          if (BigInt(node?.balance ?? -1) !== want) throw new Error(`node has account ${index[who]} at ${node?.balance}, sequencer ${want}`)
        }
      },
      retry: () => true,
      attempts: 60,
    })
  }, 600_000)

  it('a fresh node rebuilt from L1 matches the sequencer at every batch', async () => {
    await miner.pause()
    expectRebuildMatches({ report: await rebuildFromL1({ devnet: e.devnet }), log })
    miner.run()
  }, 300_000)
})
