/**
 * Scenario 6, fees (real anvil L1, real blobs, real contracts with the generated Groth16
 * verifier, the real sequencer and its L1 transaction manager; no proofs: fees, caps and the data
 * path are the properties, so the prover is not started and a batch "lands" when its commit is
 * mined). anvil 1.7.1 cannot raise its blob base fee (docs/e2e.md, scenario 6), so the SEQUENCER
 * alone reads L1 through `support/l1FeeMarket.ts`, a proxy that forwards every request to anvil
 * unchanged except `eth_blobBaseFee`, answered with the "market" blob base fee the test sets.
 * Block production is in the test's hands (`manualMiner`): while it is paused the market the
 * manager reads (anvil's base fee and tip, the proxy's blob fee) cannot move. The sequencer's
 * fee caps are {@link BLOB_CAP} per blob gas and {@link GAS_CAP} per gas.
 * (A) at a low blob fee ({@link LOW}) a batch of {@link TRANSFERS} transfers goes as a blob;
 * (B) the blob fee rises tenfold before the next batch: the manager takes calldata;
 * (C) a blob commit is in flight (dropped from anvil's pool, as a congested mempool would) when
 *     the blob fee rises tenfold: the manager re-sends it with bumped fees, held at the cap, and
 *     the batch lands.
 * For every batch the path taken equals `chooseDataPath` applied to the costs the manager logged,
 * and those costs are consistent with the fees the test set and read at send time; every
 * transaction the sequencer key signed (every attempt the manager logged, every mined one) is
 * within the caps.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hexToBigInt, parseEther, type Hex, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SequencerUnavailableError } from '../../bridge/index.ts'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { chooseDataPath, GAS_PER_BLOB } from '../../sequencer/index.ts'
import { retrying, startE2eDevnet, type E2eDevnet } from './e2eDevnet.ts'
import { l1FeeMarket, type L1FeeMarket } from './support/l1FeeMarket.ts'
import { manualMiner, type ManualMiner } from './support/manualMiner.ts'

const GWEI = 10n ** 9n
/** Market blob base fee of the low phase; the high one is ten times it. */
const LOW = 100_000_000n
const HIGH = 10n * LOW
const BLOB_CAP = 15n * LOW
const GAS_CAP = 20n * GWEI
/** The manager's minimum tip (its default, set explicitly: the rule below reads it). */
const MIN_TIP = GWEI
const TRANSFERS = 16
const ALICE = 1
const BOB = 2
const log = (line: string) => console.log(`[fees] ${line}`)
const max = (a: bigint, b: bigint) => (a > b ? a : b)
const min = (a: bigint, b: bigint) => (a < b ? a : b)

interface Sent {
  batch: number
  via: 'blob' | 'calldata'
  blobCost: bigint
  calldataCost: bigint
}

describe('e2e: the blob fee rises tenfold during batching (real blobs, market blob fee from a proxy)', () => {
  let e: E2eDevnet
  let miner: ManualMiner
  let fees: L1FeeMarket | undefined
  let pub: PublicClient
  const keys: Record<number, Awaited<ReturnType<ReturnType<E2eDevnet['sdk']>['deriveL2Key']>>> = {}
  const index: Record<number, bigint> = {}

  const seqLog = () => readFileSync(join(e.dataDir, 'logs', 'sequencer.log'), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, string>)
  const choiceOf = (batch: number): Sent | undefined => {
    const line = seqLog().find((l) => l.key === `commit:batch:${batch}` && l.msg === 'blob or calldata')
    return line && { batch, via: line.via as 'blob' | 'calldata', blobCost: BigInt(line.blobCost!), calldataCost: BigInt(line.calldataCost!) }
  }
  const attemptsOf = (batch: number) => seqLog().filter((l) => l.key === `commit:batch:${batch}` && (l.msg === 'sending L1 transaction' || l.msg === 'replacing L1 transaction with bumped fees'))
  const committedBatches = async () => (await e.sdk(ALICE).getRollupHeads()).committedBatches
  /** The market as the manager reads it: anvil's latest base fee and tip (at least the minimum), the proxy's blob base fee. */
  const market = async () => {
    const block = await pub.getBlock({ blockTag: 'latest' })
    const tip = hexToBigInt((await pub.request({ method: 'eth_maxPriorityFeePerGas' })) as Hex)
    return { baseFee: block.baseFeePerGas!, tip: max(tip, MIN_TIP), blobBaseFee: fees!.blobBaseFee() }
  }
  /** The sequencer key's transactions in anvil's pool. */
  const pooled = async () => {
    const p = ((await pub.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> }).pending
    const mine = Object.entries(p).find(([a]) => a.toLowerCase() === e.devnet.info.sequencer!.address.toLowerCase())?.[1]
    return Object.values(mine ?? {}).map((t) => t.hash)
  }
  /** Sends the transfers with block production paused and returns the batch's choice and commit in the pool. */
  const batchInPool = async (batch: number) => {
    const alice = e.sdk(ALICE)
    for (let i = 0; i < TRANSFERS; i++) await alice.transfer({ key: keys[ALICE]!, from: index[ALICE]!, to: index[BOB]!, amount: parseEther('0.001') })
    return retrying({
      fn: async () => {
        const c = choiceOf(batch)
        const hashes = await pooled()
        if (!c || hashes.length === 0) throw new Error(`batch ${batch} not sent yet`)
        return { choice: c, hashes }
      },
      retry: () => true,
      attempts: 90,
    })
  }
  const landed = (batch: number) =>
    retrying({
      fn: async () => {
        const c = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock: BigInt(e.devnet.info.rollup.deploymentBlock) })
        const ev = c.find((x) => x.args.batch === BigInt(batch))
        if (!ev) throw new Error(`batch ${batch} not committed yet`)
        return pub.getTransaction({ hash: ev.transactionHash })
      },
      retry: () => true,
      attempts: 120,
    })
  /**
   * The path equals the rule applied to the logged costs, and those costs are what the rule gives
   * for the market the test set and read (whole gas amounts at the gas price read, the blob fee set).
   */
  const expectRule = (sent: Sent, m: Awaited<ReturnType<typeof market>>) => {
    const gasPrice = m.baseFee + m.tip
    expect((sent.blobCost - GAS_PER_BLOB * m.blobBaseFee) % gasPrice).toBe(0n)
    expect(sent.calldataCost % gasPrice).toBe(0n)
    const rule = chooseDataPath({ blobExecutionGas: (sent.blobCost - GAS_PER_BLOB * m.blobBaseFee) / gasPrice, calldataGas: sent.calldataCost / gasPrice, gasPrice, blobBaseFee: m.blobBaseFee })
    expect(rule.blobCost).toBe(sent.blobCost)
    expect(rule.calldataCost).toBe(sent.calldataCost)
    expect(sent.via).toBe(rule.via)
  }

  beforeAll(async () => {
    e = await startE2eDevnet({
      name: 'fees',
      startProver: false,
      sequencerL1Url: async (anvilUrl) => (fees = await l1FeeMarket({ target: anvilUrl, blobBaseFee: LOW })).url,
      extraEnv: {
        sequencer: {
          CW_L1_MAX_FEE_PER_BLOB_GAS_CAP_WEI: String(BLOB_CAP),
          CW_L1_MAX_FEE_PER_GAS_CAP_WEI: String(GAS_CAP),
          CW_L1_MIN_BLOB_FEE_WEI: '1',
          CW_L1_MIN_PRIORITY_FEE_WEI: String(MIN_TIP),
          CW_BATCH_MAX_AGE_MS: '15000',
          CW_L1_RESUBMIT_AFTER_MS: '4000',
        },
      },
    })
    pub = e.devnet.anvil.publicClient as PublicClient
    miner = await manualMiner({ anvil: e.devnet.anvil, intervalMs: 250 })
    miner.run()
    const deposits = [ALICE, BOB].map(async (who) => {
      const sdk = e.sdk(who)
      keys[who] = await sdk.deriveL2Key()
      await sdk.depositEth({ amount: parseEther(who === ALICE ? '2' : '0.1'), key: keys[who] })
      index[who] = (await retrying({ fn: () => sdk.waitForAccount({ owner: e.devnet.anvil.accounts[who]!.address, publicKey: keys[who]!.publicKey }), retry: (x) => x instanceof SequencerUnavailableError })).index
    })
    await Promise.all(deposits)
    // The deposits' batch lands before the phases start.
    await retrying({
      fn: async () => {
        const h = await e.sdk(ALICE).getRollupHeads()
        if (h.committedQueue !== h.queueLength || h.committedBatches === 0n) throw new Error('deposits not committed yet')
      },
      retry: () => true,
      attempts: 120,
    })
    log(`Alice is L2 account ${index[ALICE]}, Bob ${index[BOB]}; caps ${BLOB_CAP} wei per blob gas, ${GAS_CAP} wei per gas; sequencer L1 via proxy ${fees!.url}, anvil's own blob base fee ${await pub.getBlobBaseFee()} wei`)
  }, 600_000)

  afterAll(async () => {
    await miner?.stop()
    await e?.stop()
    await fees?.stop()
  }, 60_000)

  const sent: Sent[] = []

  it(`(A) low blob fee, (B) tenfold before the next batch: each batch of ${TRANSFERS} transfers takes the path chooseDataPath gives`, async () => {
    for (const phase of ['A', 'B'] as const) {
      await miner.pause()
      fees!.setBlobBaseFee(phase === 'A' ? LOW : HIGH)
      const asked = fees!.answered()
      const m = await market()
      const batch = Number(await committedBatches()) + 1
      const { choice } = await batchInPool(batch)
      expect(fees!.answered()).toBeGreaterThan(asked) // the manager read the market blob fee from the proxy
      expectRule(choice, m)
      miner.run()
      const tx = await landed(batch)
      expect(tx.type).toBe(choice.via === 'blob' ? 'eip4844' : 'eip1559')
      expect(tx.blobVersionedHashes?.length ?? 0).toBe(choice.via === 'blob' ? 1 : 0)
      sent.push(choice)
      log(`(${phase}) market blob base fee ${m.blobBaseFee} wei, gas price ${m.baseFee + m.tip} (base ${m.baseFee} + tip ${m.tip}): batch ${batch} blob cost ${choice.blobCost}, calldata cost ${choice.calldataCost} -> ${choice.via}; landed ${tx.hash.slice(0, 10)} type ${tx.type}`)
    }
    expect(sent[0]!.via).toBe('blob')
    expect(sent[1]!.via).toBe('calldata')
  }, 300_000)

  it('(C) a blob commit in flight when the blob fee rises tenfold is re-sent with bumped fees within the caps and lands', async () => {
    await miner.pause()
    fees!.setBlobBaseFee(LOW)
    const m = await market()
    const batch = Number(await committedBatches()) + 1
    const { choice, hashes } = await batchInPool(batch)
    expectRule(choice, m)
    expect(choice.via).toBe('blob')
    // A congested mempool evicts it; then the market blob fee rises tenfold.
    for (const hash of hashes) await pub.request({ method: 'anvil_dropTransaction' as never, params: [hash] as never })
    expect(await pooled()).toEqual([])
    const before = attemptsOf(batch)
    fees!.setBlobBaseFee(10n * m.blobBaseFee)
    const resent = await retrying({
      fn: async () => {
        const now = attemptsOf(batch)
        const last = now.at(-1)!
        if (now.length === before.length || !(await pooled()).includes(last.hash as Hex)) throw new Error(`batch ${batch} not re-sent yet`)
        return { previous: before.at(-1)!, last }
      },
      retry: () => true,
      attempts: 60,
    })
    miner.run()
    const tx = await landed(batch)
    expect(tx.hash).toBe(resent.last.hash)
    expect(tx.type).toBe('eip4844')
    const prev = { gas: BigInt(resent.previous.maxFeePerGas!), blob: BigInt(resent.previous.maxFeePerBlobGas!) }
    // The blob pool's replacement rule: at least double; the market: twice the new blob fee; held at the cap.
    expect(tx.maxFeePerGas!).toBeGreaterThanOrEqual(2n * prev.gas)
    expect(tx.maxFeePerGas!).toBeLessThanOrEqual(GAS_CAP)
    expect(tx.maxFeePerBlobGas!).toBe(min(max(2n * prev.blob, 2n * 10n * m.blobBaseFee), BLOB_CAP))
    log(`(C) batch ${batch} first sent at market blob fee ${m.blobBaseFee} (maxFeePerBlobGas ${prev.blob}, maxFeePerGas ${prev.gas}); dropped from the pool; market raised to ${10n * m.blobBaseFee}; re-sent after ${attemptsOf(batch).length - 1} replacement(s) with maxFeePerBlobGas ${tx.maxFeePerBlobGas} (cap ${BLOB_CAP}), maxFeePerGas ${tx.maxFeePerGas} (cap ${GAS_CAP}); landed in block ${tx.blockNumber}`)
  }, 300_000)

  it('every transaction the sequencer key signed stayed within the caps', async () => {
    const attempts = seqLog().filter((l) => l.service === 'l1tx' && (l.msg === 'sending L1 transaction' || l.msg === 'replacing L1 transaction with bumped fees'))
    for (const a of attempts) {
      expect(BigInt(a.maxFeePerGas!)).toBeLessThanOrEqual(GAS_CAP)
      if (a.maxFeePerBlobGas !== undefined) expect(BigInt(a.maxFeePerBlobGas)).toBeLessThanOrEqual(BLOB_CAP)
    }
    const seq = e.devnet.info.sequencer!.address.toLowerCase()
    const logged = new Set(attempts.map((a) => a.hash!.toLowerCase()))
    let mined = 0
    const unlogged: string[] = []
    const head = await pub.getBlockNumber({ cacheTime: 0 })
    for (let b = BigInt(e.devnet.info.rollup.deploymentBlock) + 1n; b <= head; b++) {
      for (const tx of (await pub.getBlock({ blockNumber: b, includeTransactions: true })).transactions) {
        if (tx.from.toLowerCase() !== seq) continue
        mined++
        if (!logged.has(tx.hash.toLowerCase())) unlogged.push(`nonce ${tx.nonce} to ${tx.to} type ${tx.type} selector ${tx.input.slice(0, 10)}`)
        expect(tx.maxFeePerGas!).toBeLessThanOrEqual(GAS_CAP)
        if (tx.maxFeePerBlobGas !== undefined) expect(tx.maxFeePerBlobGas).toBeLessThanOrEqual(BLOB_CAP)
      }
    }
    // Every batch commit that landed is one of the attempts the manager logged (and checked above);
    // the one mined transaction not in the log is the deployment's depositBond (deployRollup, before the sequencer starts).
    const commits = await pub.getContractEvents({ address: e.devnet.info.rollup.address, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock: BigInt(e.devnet.info.rollup.deploymentBlock) })
    for (const c of commits) expect(logged.has(c.transactionHash.toLowerCase())).toBe(true)
    log(`${attempts.length} signed attempts logged and ${mined} mined sequencer transactions (${commits.length} batch commits; not in the manager's log: ${unlogged.join('; ') || 'none'}), all within maxFeePerGas <= ${GAS_CAP} and maxFeePerBlobGas <= ${BLOB_CAP}; paths ${sent.map((s) => `batch ${s.batch} ${s.via}`).join(', ')}; proxy answered ${fees!.answered()} eth_blobBaseFee calls and forwarded ${fees!.forwarded()}`)
    expect(mined).toBeGreaterThan(0)
  }, 300_000)
})
