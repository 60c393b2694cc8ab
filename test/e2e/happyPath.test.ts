/**
 * Scenario 1, the happy path, on a real anvil L1 with real blobs and real Groth16 proofs
 * (TEST parameters) checked by the generated verifier. Two users deposit (Alice ETH, Bob a
 * listed ERC-20 TestToken and some ETH); Alice pays Bob on L2 and both withdraw (ETH and the
 * token), each L2 transaction answered with a preconfirmation whose EIP-712 signature
 * recovers to the sequencer (and no longer does once tampered with). Every batch goes out as
 * a type-3 blob transaction whose versioned hash is the one the contract recorded; every
 * chunk is proven on L1 by the prover's real proof; the batches finalize; the withdrawals
 * are claimed on L1. Balances are exact everywhere: L1 ETH deltas up to the gas read from
 * the receipts (and the queue fees read from the queue events), L1 token deltas, L2 balances,
 * and the contract's custody equal to the L2 balances plus the unclaimed exits, per token.
 * Last, scenario 7's check runs on these real-proof batches: a fresh node rebuilt from L1
 * alone matches the L1 and sequencer roots at every batch (see test/e2e/rebuild.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatEther, type PublicClient } from 'viem'
import type { BatchJson } from '../../sequencer/index.ts'
import { verifyPreconfirmation } from '../../sequencer/index.ts'
import { counterweightRollupAbi, testTokenAbi } from '../../l1-contracts/index.ts'
import type { Devnet } from '../../bridge/devnet/startDevnet.ts'
import { startE2eDevnet } from './support/startE2eDevnet.ts'
import { HAPPY_AMOUNTS as A, HAPPY_ENV, runHappyPath, type HappyPathRun } from './support/runHappyPath.ts'
import { rpcCall } from './support/rpcCall.ts'
import { rebuildFromL1 } from './support/rebuildFromL1.ts'
import { expectRebuildMatches } from './support/expectRebuildMatches.ts'

let devnet: Devnet
let run: HappyPathRun
const log = (line: string) => console.log(`[e2e happy] ${line}`)
const gasOf = (rs: { gasUsed: bigint; effectiveGasPrice: bigint }[]) => rs.reduce((s, r) => s + r.gasUsed * r.effectiveGasPrice, 0n)

describe('scenario 1: happy path (real blobs, real proofs)', () => {
  beforeAll(async () => {
    devnet = await startE2eDevnet({ name: 'happy', realProofs: true, extraEnv: HAPPY_ENV })
    run = await runHappyPath({ devnet, log })
  }, 900_000)
  afterAll(async () => {
    await devnet?.stop()
  }, 60_000)

  it('answers every L2 transaction with a preconfirmation signed by the sequencer', async () => {
    const sequencer = devnet.info.sequencer!.address
    const all = [run.l2.transfer, run.l2.withdrawals.alice, run.l2.withdrawals.bobToken]
    for (const t of all) {
      expect(await verifyPreconfirmation({ signed: t.preconfirmation, sequencer })).toBe(true)
      expect(await verifyPreconfirmation({ signed: { ...t.preconfirmation, sequence: t.preconfirmation.sequence + 1n }, sequencer })).toBe(false)
      expect(await verifyPreconfirmation({ signed: t.preconfirmation, sequencer: devnet.anvil.accounts[5]!.address })).toBe(false)
    }
    const seqs = all.map((t) => t.sequence)
    log(`preconfirmations verified against ${sequencer}: sequences ${seqs.join(', ')}`)
    expect(new Set(seqs).size).toBe(all.length)
  })

  it('posts every batch as a blob, proves every chunk with a real proof and finalizes', async () => {
    const pub = devnet.anvil.publicClient as PublicClient
    const rollup = devnet.info.rollup.address
    expect(devnet.info.prover?.verifier).toBe('generated')
    const fromBlock = BigInt(devnet.info.rollup.deploymentBlock)
    const committed = await pub.getContractEvents({ address: rollup, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock })
    const proven = await pub.getContractEvents({ address: rollup, abi: counterweightRollupAbi, eventName: 'ChunkProven', fromBlock })
    const finalized = await pub.getContractEvents({ address: rollup, abi: counterweightRollupAbi, eventName: 'BatchFinalized', fromBlock })
    expect(committed.length).toBeGreaterThan(0)
    let chunks = 0
    for (const ev of committed) {
      const n = ev.args.batch!
      const batch = (await rpcCall({ url: devnet.info.sequencer!.rpcUrl, method: 'rollup_getBatch', params: [`0x${n.toString(16)}`] })).result as BatchJson
      const tx = await pub.getTransaction({ hash: ev.transactionHash })
      log(`batch ${n}: ${ev.args.chunkCount} chunk(s), L1 tx type ${tx.type} with ${tx.blobVersionedHashes?.length ?? 0} blob(s), data hash ${ev.args.dataHash}, state root ${batch.stateRoot}, sequencer status ${batch.status}`)
      expect(tx.type).toBe('eip4844')
      expect(tx.blobVersionedHashes?.length).toBe(1)
      expect(ev.args.calldataDA).toBe(false)
      expect(ev.args.dataHash).toBe(tx.blobVersionedHashes![0])
      expect(batch.l1?.via).toBe('blob')
      expect(BigInt(batch.stateRoot)).toBe(ev.args.newStateRoot)
      chunks += Number(ev.args.chunkCount)
    }
    const prover = devnet.anvil.accounts[9]!.address
    log(`${committed.length} batch(es) committed, ${chunks} chunk(s); ${proven.length} chunk proof(s) accepted by the generated verifier; ${finalized.length} batch(es) finalized`)
    expect(proven.length).toBe(chunks)
    for (const p of proven) expect(p.args.prover?.toLowerCase()).toBe(prover.toLowerCase())
    expect(finalized.map((f) => f.args.batch)).toEqual(committed.map((c) => c.args.batch))
  })

  it('pays the withdrawals on L1 with exact balances everywhere', async () => {
    const pub = devnet.anvil.publicClient as PublicClient
    const rollup = devnet.info.rollup.address
    for (const r of Object.values(run.claims)) expect(r.status).toBe('success')

    // L1: ETH deltas exact up to gas (from receipts) and queue fees (from the queue events).
    const aliceEth = await pub.getBalance({ address: run.alice.address })
    const bobEth = await pub.getBalance({ address: run.bob.address })
    const bobToken = await pub.readContract({ address: run.token, abi: testTokenAbi, functionName: 'balanceOf', args: [run.bob.address] })
    const aliceGas = gasOf(run.alice.receipts)
    const bobGas = gasOf(run.bob.receipts)
    const aliceExpected = run.before.aliceEth - A.aliceDepositEth + A.aliceWithdraw - aliceGas - run.alice.queueFees
    const bobExpected = run.before.bobEth - A.bobDepositEth - bobGas - run.bob.queueFees
    log(`alice L1 ETH: ${formatEther(run.before.aliceEth)} -> ${formatEther(aliceEth)} (gas ${aliceGas} wei over ${run.alice.receipts.length} txs, queue fees ${run.alice.queueFees} wei)`)
    log(`bob L1 ETH: ${formatEther(run.before.bobEth)} -> ${formatEther(bobEth)} (gas ${bobGas} wei over ${run.bob.receipts.length} txs, queue fees ${run.bob.queueFees} wei)`)
    log(`bob L1 TST: ${formatEther(run.before.bobToken)} -> ${formatEther(bobToken)}`)
    expect(aliceEth).toBe(aliceExpected)
    expect(bobEth).toBe(bobExpected)
    expect(bobToken).toBe(run.before.bobToken - A.bobDepositToken + A.bobWithdrawToken)

    // L2: exact balances (the devnet takes no fees: every transaction was signed with fee 0).
    for (const t of [run.l2.transfer, ...Object.values(run.l2.withdrawals)]) expect(t.signed.tx.fee).toBe(0n)
    const l2 = async (index: bigint) => (await run.alice.client.getAccount({ index }))!.balance
    const aliceL2 = await l2(run.alice.ethAccount)
    const bobL2Eth = await l2(run.bob.ethAccount)
    const bobL2Token = await l2(run.bob.tokenAccount)
    log(`L2: alice ETH ${formatEther(aliceL2)} (account ${run.alice.ethAccount}), bob ETH ${formatEther(bobL2Eth)} (account ${run.bob.ethAccount}), bob TST ${formatEther(bobL2Token)} (account ${run.bob.tokenAccount})`)
    expect(aliceL2).toBe(A.aliceDepositEth - A.aliceToBob - A.aliceWithdraw)
    expect(bobL2Eth).toBe(A.bobDepositEth + A.aliceToBob)
    expect(bobL2Token).toBe(A.bobDepositToken - A.bobWithdrawToken)

    // Custody: before the claims = L2 balances + unclaimed exits; after = L2 balances.
    const custody = (id: bigint) => pub.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'custody', args: [id] })
    const custodyEth = await custody(0n)
    const custodyToken = await custody(run.tokenId)
    const rollupToken = await pub.readContract({ address: run.token, abi: testTokenAbi, functionName: 'balanceOf', args: [rollup] })
    log(`custody at finality: ETH ${formatEther(run.atFinality.custodyEth)} = L2 ${formatEther(aliceL2 + bobL2Eth)} + exits ${formatEther(A.aliceWithdraw)}; TST ${formatEther(run.atFinality.custodyToken)} = L2 ${formatEther(bobL2Token)} + exits ${formatEther(A.bobWithdrawToken)}`)
    log(`custody after claims: ETH ${formatEther(custodyEth)}, TST ${formatEther(custodyToken)} (rollup holds ${formatEther(rollupToken)} TST)`)
    expect(run.atFinality.custodyEth).toBe(aliceL2 + bobL2Eth + A.aliceWithdraw)
    expect(run.atFinality.custodyToken).toBe(bobL2Token + A.bobWithdrawToken)
    expect(custodyEth).toBe(aliceL2 + bobL2Eth)
    expect(custodyToken).toBe(bobL2Token)
    expect(rollupToken).toBe(custodyToken)
    const claimed = await pub.getContractEvents({ address: rollup, abi: counterweightRollupAbi, eventName: 'ExitClaimed', fromBlock: BigInt(devnet.info.rollup.deploymentBlock) })
    log(`${claimed.length} exits claimed on L1`)
    expect(claimed.length).toBe(Object.keys(run.claims).length)
  })

  it('scenario 7 on these real-proof batches: a fresh node rebuilt from L1 alone matches every root', async () => {
    expectRebuildMatches({ report: await rebuildFromL1({ devnet }), log: (l) => log(`rebuild: ${l}`) })
  }, 120_000)
})
