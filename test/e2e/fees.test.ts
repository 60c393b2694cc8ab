/**
 * Scenario 6, fees (real anvil L1, real blobs; the devnet runs the generated Groth16 verifier
 * and the prover, but nothing here waits for proofs: fees, caps and the data path are the
 * properties, and a batch "lands" when its commit is mined and confirmed). The genesis block
 * carries a large `excessBlobGas`; a blob-fee pump (blocks full of one-blob transactions from
 * dev accounts 5-7, or empty blocks) moves the blob base fee where the test wants it, with
 * block production in the test's hands. The sequencer's fee caps are
 * {@link BLOB_CAP} per blob gas and {@link GAS_CAP} per gas.
 * (A) at a low blob fee a batch of {@link TRANSFERS} transfers is posted the cheaper way;
 * (B) the blob fee rises tenfold before the next batch: the manager takes calldata when the
 *     rule says calldata is cheaper;
 * (C) a blob commit is in flight when the fee rises tenfold (it is dropped from the pool as a
 *     congested mempool would): the manager re-sends with bumped fees, never above the cap,
 *     and the batch still lands.
 * For every batch the path taken equals `chooseDataPath` applied to the blob and calldata
 * costs the manager logged, and those costs are consistent with the fees the test read at
 * send time (block production paused: the market cannot move in between); every transaction
 * the sequencer key signed (the mined ones, and every attempt the manager logged) is within
 * the caps.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hexToBigInt, parseEther, type Hex, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SequencerUnavailableError } from '../../bridge/index.ts'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { chooseDataPath, GAS_PER_BLOB } from '../../sequencer/index.ts'
import { retrying, startE2eDevnet, type E2eDevnet } from './e2eDevnet.ts'
import { blobFeePump, type BlobFeePump } from './support/blobFeePump.ts'
import { manualMiner, type ManualMiner } from './support/manualMiner.ts'

const GWEI = 10n ** 9n
/** Blob base fee of the low phase. */
const LOW = 100_000_000n
const BLOB_CAP = 15n * LOW
const GAS_CAP = 20n * GWEI
const TRANSFERS = 16
const ALICE = 1
const BOB = 2
const log = (line: string) => console.log(`[fees] ${line}`)

interface Sent {
  batch: number
  via: 'blob' | 'calldata'
  blobCost: bigint
  calldataCost: bigint
}

// Skipped: not calibrated yet. On anvil 1.7.1 a genesis given with `--init` does not follow
// Prague's blob schedule (target 6, max 9, fraction 5,007,716): measured, blocks holding 9
// blobs LOWERED the excess blob gas by one blob each (as if the target were 10) and blocks
// mined empty with `evm_mine` left it unchanged, so neither `lowerTo` nor `raiseTo` reaches
// the levels below; a genesis with `pragueTime: 0` and a Prague `blobSchedule` kept the
// excess unchanged on empty blocks too. What remains is to find the schedule anvil applies
// (or a pump that measures it) and set LOW; see docs/e2e.md, scenario 6.
describe.skip('e2e: the blob fee rises tenfold during batching (real blobs)', () => {
  let e: E2eDevnet
  let miner: ManualMiner
  let pump: BlobFeePump
  let pub: PublicClient
  let dir: string
  const keys: Record<number, Awaited<ReturnType<ReturnType<E2eDevnet['sdk']>['deriveL2Key']>>> = {}
  const index: Record<number, bigint> = {}

  const seqLog = () => readFileSync(join(e.dataDir, 'logs', 'sequencer.log'), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, string>)
  const choiceOf = (batch: number): Sent | undefined => {
    const line = seqLog().find((l) => l.key === `commit:batch:${batch}` && l.msg === 'blob or calldata')
    return line && { batch, via: line.via as 'blob' | 'calldata', blobCost: BigInt(line.blobCost!), calldataCost: BigInt(line.calldataCost!) }
  }
  const committedBatches = async () => (await e.sdk(ALICE).getRollupHeads()).committedBatches
  /** The market as the manager reads it: latest base fee, tip (at least the 1 gwei minimum), blob base fee. */
  const market = async () => {
    const block = await pub.getBlock({ blockTag: 'latest' })
    const tip = hexToBigInt((await pub.request({ method: 'eth_maxPriorityFeePerGas' })) as Hex)
    return { baseFee: block.baseFeePerGas!, tip: tip > GWEI ? tip : GWEI, blobBaseFee: await pump.fee() }
  }
  /** Sends the transfers with block production paused and returns the batch's commit in the pool. */
  const batchInPool = async (batch: number) => {
    const alice = e.sdk(ALICE)
    for (let i = 0; i < TRANSFERS; i++) await alice.transfer({ key: keys[ALICE]!, from: index[ALICE]!, to: index[BOB]!, amount: parseEther('0.001') })
    return retrying({
      fn: async () => {
        const c = choiceOf(batch)
        const p = ((await pub.request({ method: 'txpool_content' as never })) as { pending: Record<string, Record<string, { hash: Hex }>> }).pending
        const mine = Object.entries(p).find(([a]) => a.toLowerCase() === e.devnet.info.sequencer!.address.toLowerCase())?.[1]
        if (!c || !mine) throw new Error(`batch ${batch} not sent yet`)
        return { choice: c, hash: Object.values(mine)[0]!.hash }
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
  /** The path equals the rule on the logged costs, and the costs are consistent with the market read at send time. */
  const expectRule = (sent: Sent, m: Awaited<ReturnType<typeof market>>) => {
    const gasPrice = m.baseFee + m.tip
    const rule = chooseDataPath({ blobExecutionGas: (sent.blobCost - GAS_PER_BLOB * m.blobBaseFee) / gasPrice, calldataGas: sent.calldataCost / gasPrice, gasPrice, blobBaseFee: m.blobBaseFee })
    expect((sent.blobCost - GAS_PER_BLOB * m.blobBaseFee) % gasPrice).toBe(0n)
    expect(sent.calldataCost % gasPrice).toBe(0n)
    expect(rule.blobCost).toBe(sent.blobCost)
    expect(sent.via).toBe(rule.via)
  }

  beforeAll(async () => {
    // Genesis excess blob gas for a blob base fee of ~1e12 wei; startup's empty blocks lower it, the pump then sets it.
    dir = mkdtempSync(join(tmpdir(), 'cw-e2e-fees-'))
    const genesis = join(dir, 'genesis.json')
    writeFileSync(genesis, JSON.stringify({ config: { chainId: 31337 }, nonce: '0x0', timestamp: '0x0', gasLimit: '0x1c9c380', difficulty: '0x0', baseFeePerGas: '0x3b9aca00', excessBlobGas: `0x${(138_000_000n).toString(16)}`, blobGasUsed: '0x0', alloc: {} }))
    e = await startE2eDevnet({
      name: 'fees',
      anvilArgs: ['--init', genesis],
      extraEnv: { sequencer: { CW_L1_MAX_FEE_PER_BLOB_GAS_CAP_WEI: String(BLOB_CAP), CW_L1_MAX_FEE_PER_GAS_CAP_WEI: String(GAS_CAP), CW_L1_MIN_BLOB_FEE_WEI: '1', CW_BATCH_MAX_AGE_MS: '15000', CW_L1_RESUBMIT_AFTER_MS: '3000' } },
    })
    pub = e.devnet.anvil.publicClient as PublicClient
    miner = await manualMiner({ anvil: e.devnet.anvil, intervalMs: 250 })
    pump = await blobFeePump({ anvil: e.devnet.anvil, miner, accounts: [5, 6, 7] })
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
    log(`Alice is L2 account ${index[ALICE]}, Bob ${index[BOB]}; caps ${BLOB_CAP} wei per blob gas, ${GAS_CAP} wei per gas`)
  }, 600_000)

  afterAll(async () => {
    await miner?.stop()
    await e?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  const sent: Sent[] = []

  it(`(A) low blob fee, (B) tenfold before the next batch: each batch of ${TRANSFERS} transfers takes the cheaper path`, async () => {
    for (const phase of ['A', 'B'] as const) {
      await miner.pause()
      const lowered = await pump.lowerTo(LOW)
      await pump.raiseTo((LOW * 9n) / 10n)
      const raised = phase === 'B' ? await pump.raiseTo(10n * (await pump.fee())) : 0
      const m = await market()
      const batch = Number(await committedBatches()) + 1
      const { choice } = await batchInPool(batch)
      expect(await pump.fee()).toBe(m.blobBaseFee) // no block in between: the market the manager read
      expectRule(choice, m)
      miner.run()
      const tx = await landed(batch)
      expect(tx.type).toBe(choice.via === 'blob' ? 'eip4844' : 'eip1559')
      sent.push(choice)
      log(`(${phase}) blob base fee ${m.blobBaseFee} wei (${lowered} empty blocks${raised ? `, then ${raised} full blob blocks` : ''}), gas price ${m.baseFee + m.tip}: batch ${batch} blob cost ${choice.blobCost}, calldata cost ${choice.calldataCost} -> ${choice.via}; landed ${tx.hash.slice(0, 10)} type ${tx.type}`)
    }
    expect(sent[0]!.via).toBe('blob')
    expect(sent[1]!.via).toBe('calldata')
  }, 600_000)

  it('(C) a blob commit in flight when the blob fee rises tenfold is re-sent with bumped fees within the cap and lands', async () => {
    await miner.pause()
    await pump.lowerTo(LOW)
    await pump.raiseTo((LOW * 9n) / 10n)
    const m = await market()
    const batch = Number(await committedBatches()) + 1
    const { choice, hash } = await batchInPool(batch)
    expectRule(choice, m)
    expect(choice.via).toBe('blob')
    await pub.request({ method: 'anvil_dropTransaction' as never, params: [hash] as never })
    const from = await pump.fee()
    const raised = await pump.raiseTo(10n * from)
    const peak = await pump.fee()
    await pump.hold(3) // the manager re-sends while the fee stays up
    miner.run()
    const tx = await landed(batch)
    const block = await pub.getBlock({ blockNumber: tx.blockNumber! })
    log(`(C) batch ${batch} first sent at blob fee ${from} (maxFeePerBlobGas ${2n * from}); fee raised to ${peak} in ${raised} blocks; landed in block ${block.number} at blob fee ${block.blobGasUsed ? (await pub.getBlobBaseFee()) : 'n/a'}, maxFeePerBlobGas ${tx.maxFeePerBlobGas}, cap ${BLOB_CAP}`)
    expect(tx.maxFeePerBlobGas!).toBeGreaterThan(2n * from)
    expect(tx.maxFeePerBlobGas!).toBeLessThanOrEqual(BLOB_CAP)
  }, 600_000)

  it('every transaction the sequencer key signed stayed within the caps', async () => {
    const attempts = seqLog().filter((l) => l.service === 'l1tx' && (l.msg === 'sending L1 transaction' || l.msg === 'replacing L1 transaction with bumped fees'))
    for (const a of attempts) {
      expect(BigInt(a.maxFeePerGas!)).toBeLessThanOrEqual(GAS_CAP)
      if (a.maxFeePerBlobGas !== undefined) expect(BigInt(a.maxFeePerBlobGas)).toBeLessThanOrEqual(BLOB_CAP)
    }
    const seq = e.devnet.info.sequencer!.address.toLowerCase()
    let mined = 0
    const head = await pub.getBlockNumber({ cacheTime: 0 })
    for (let b = BigInt(e.devnet.info.rollup.deploymentBlock) + 1n; b <= head; b++) {
      for (const tx of (await pub.getBlock({ blockNumber: b, includeTransactions: true })).transactions) {
        if (tx.from.toLowerCase() !== seq) continue
        mined++
        expect(tx.maxFeePerGas!).toBeLessThanOrEqual(GAS_CAP)
        if (tx.maxFeePerBlobGas !== undefined) expect(tx.maxFeePerBlobGas).toBeLessThanOrEqual(BLOB_CAP)
      }
    }
    log(`${attempts.length} signed attempts logged and ${mined} mined sequencer transactions, all within maxFeePerGas <= ${GAS_CAP} and maxFeePerBlobGas <= ${BLOB_CAP}; paths ${sent.map((s) => `batch ${s.batch} ${s.via}`).join(', ')}`)
    expect(mined).toBeGreaterThan(0)
  }, 300_000)
})
