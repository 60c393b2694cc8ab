/**
 * Scenario 2, censorship (real anvil L1, real blobs, real Groth16 proofs checked by the
 * generated verifier). The sequencer never sees any L2 transaction of Alice (her L2 traffic
 * is dropped before it reaches it), so she leaves through L1 with forced withdrawals:
 * (a) while the sequencer runs, it consumes her forced withdrawal before the inclusion
 * deadline (the L1 time at which it is seen consumed is at most the deadline), the batch is
 * proven and finalized, and Alice claims exactly the amount on L1;
 * (b) with the sequencer (and its prover) stopped, the entry stays unconsumed; a take-over
 * is refused before the inclusion delay, and after it another party (a different L1 account)
 * runs `runTakeOver` (its own node rebuilt from L1 and real Groth16 keys), commits and proves
 * a queue-only batch; Alice claims exactly the amount on L1 with a proof from the devnet's
 * node. The rollup contract's ETH falls by exactly what Alice was paid.
 */
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotClaimableError } from '../../bridge/index.ts'
import { ensureChunkKeys } from '../../circuits/index.ts'
import { TEST_PARAMS } from '../../protocol/index.ts'
import { PROVER_ENV, TakeOverError, proverConfigFromEnv, runTakeOver } from '../../prover/index.ts'
import { eth, gasPaid, retrying, startE2eDevnet, type E2eDevnet } from './e2eDevnet.ts'

const ALICE = 1
const OPERATOR = 8
const log = (line: string) => console.log(`[censorship] ${line}`)

describe('e2e: censorship, forced withdrawal through L1 (real proofs)', () => {
  let e: E2eDevnet
  let aliceIndex: bigint

  beforeAll(async () => {
    e = await startE2eDevnet({ name: 'censorship' })
    const alice = e.sdk(ALICE)
    const key = await alice.deriveL2Key()
    await alice.depositEth({ amount: parseEther('2'), key })
    const account = await alice.waitForAccount({ owner: e.devnet.anvil.accounts[ALICE]!.address, publicKey: key.publicKey })
    aliceIndex = account.index
    log(`Alice deposited 2 ETH on L1: L2 account ${aliceIndex}; none of her L2 transactions will reach the sequencer`)
  }, 600_000)

  afterAll(async () => {
    await e?.stop()
  }, 60_000)

  it('(a) the running sequencer consumes the forced withdrawal within the inclusion delay; Alice claims it on L1', async () => {
    const alice = e.sdk(ALICE)
    const amount = parseEther('0.5')
    const { queued } = await alice.forcedWithdraw({ from: aliceIndex, amount })
    const position = queued!.position
    let status = await alice.getQueueEntryStatus({ position })
    const queuedAt = status.timestamp
    while (status.status === 'pending') {
      await new Promise((r) => setTimeout(r, 500))
      status = await alice.getQueueEntryStatus({ position })
    }
    log(`(a) forced withdrawal at queue position ${position}: queued at L1 time ${queuedAt}, seen consumed by batch ${status.batch} at L1 time ${status.now} (${status.now - queuedAt} s later), inclusion deadline ${status.inclusionDeadline} (delay ${status.inclusionDeadline - queuedAt} s)`)
    expect(status.status).toBe('consumed')
    expect(status.now).toBeLessThanOrEqual(status.inclusionDeadline)

    await alice.waitForWithdrawal({ ref: { position }, until: 'finalized', timeoutMs: 300_000 })
    const address = e.devnet.anvil.accounts[ALICE]!.address
    const [before, heldBefore] = [await e.balance(address), await e.rollupBalance()]
    const claim = await retrying({ fn: () => alice.claimWithdrawal({ ref: { position } }), retry: (x) => x instanceof NotClaimableError && x.code === 'NOT_FINALIZED' })
    const [after, heldAfter] = [await e.balance(address), await e.rollupBalance()]
    log(`(a) claimed: Alice's L1 balance ${eth(before)} -> ${eth(after)} (+ ${eth(gasPaid(claim.receipt))} gas); rollup holds ${eth(heldBefore)} -> ${eth(heldAfter)}`)
    expect(after - before + gasPaid(claim.receipt)).toBe(amount)
    expect(heldBefore - heldAfter).toBe(amount)
  }, 420_000)

  it('(b) with the sequencer gone, another party takes over after the inclusion delay and proves the withdrawal; Alice claims it on L1', async () => {
    const alice = e.sdk(ALICE)
    // Let the prover finish what the sequencer committed, then stop both for good.
    await retrying({
      fn: async () => {
        const h = await alice.getRollupHeads()
        if (h.finalizedBatches !== h.committedBatches || h.committedQueue !== h.queueLength) throw new Error(`not settled: ${JSON.stringify(h, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`)
      },
      retry: () => true,
      attempts: 180,
    })
    await e.devnet.service('sequencer')!.stop()
    await e.devnet.service('prover')!.stop()
    log('(b) the sequencer and its prover are stopped')

    const amount = parseEther('0.7')
    const { queued } = await alice.forcedWithdraw({ from: aliceIndex, amount })
    const position = queued!.position
    const keys = await ensureChunkKeys({ params: TEST_PARAMS, log: () => {} })
    const info = e.devnet.info
    const operatorKey = `0x${Buffer.from(e.devnet.anvil.accounts[OPERATOR]!.getHdKey().privateKey!).toString('hex')}`
    const config = proverConfigFromEnv({
      [PROVER_ENV.l1RpcUrl]: info.l1.rpcUrl,
      [PROVER_ENV.rollup]: info.rollup.address,
      [PROVER_ENV.deploymentBlock]: info.rollup.deploymentBlock,
      [PROVER_ENV.privateKey]: operatorKey,
      [PROVER_ENV.proofs]: 'groth16',
      [PROVER_ENV.wasm]: keys.wasm,
      [PROVER_ENV.zkey]: keys.zkey,
      CW_CHAIN_ID: String(info.l1.chainId),
      CW_PARAMS: 'test',
    })
    const logger = { info: () => {}, warn: () => {}, error: () => {} }

    const early = await runTakeOver({ config, logger }).catch((x: unknown) => x)
    expect(early).toBeInstanceOf(TakeOverError)
    expect((early as TakeOverError).reason).toBe('NOT_OVERDUE')
    const pending = await alice.getQueueEntryStatus({ position })
    log(`(b) forced withdrawal at queue position ${position} queued at L1 time ${pending.timestamp}; take-over refused at ${pending.now} (NOT_OVERDUE, deadline ${pending.inclusionDeadline})`)
    expect(pending.status).toBe('pending')

    await e.advance(pending.inclusionDeadline - pending.now + 1n)
    const overdue = await alice.getQueueEntryStatus({ position })
    expect(overdue.status).toBe('overdue')
    const started = Date.now()
    const r = await runTakeOver({ config, logger, da: 'blob' })
    const consumed = await alice.getQueueEntryStatus({ position })
    log(`(b) L1 time ${overdue.now} > deadline ${overdue.inclusionDeadline}: take-over by ${e.devnet.anvil.accounts[OPERATOR]!.address} committed and proved batch ${r.batch} (${r.chunks.length} chunk, queue ${r.queueStart}..${r.queueEnd}, ${r.da}) in ${Math.round((Date.now() - started) / 1000)} s wall time (loaded machine)`)
    expect(consumed).toMatchObject({ status: 'consumed', batch: r.batch, stage: 'finalized' })
    expect(r.queueStart <= position && position < r.queueEnd).toBe(true)

    // Alice claims with a proof from the devnet's node, which rebuilds the take-over batch from L1.
    const viaNode = e.sdk(ALICE, info.node!.rpcUrl)
    const address = e.devnet.anvil.accounts[ALICE]!.address
    const [before, heldBefore] = [await e.balance(address), await e.rollupBalance()]
    const claim = await retrying({ fn: () => viaNode.claimWithdrawal({ ref: { position } }), retry: (x) => !(x instanceof NotClaimableError && x.code === 'ALREADY_CLAIMED'), attempts: 60 })
    const [after, heldAfter] = [await e.balance(address), await e.rollupBalance()]
    log(`(b) claimed: Alice's L1 balance ${eth(before)} -> ${eth(after)} (+ ${eth(gasPaid(claim.receipt))} gas); rollup holds ${eth(heldBefore)} -> ${eth(heldAfter)}`)
    expect(after - before + gasPaid(claim.receipt)).toBe(amount)
    expect(heldBefore - heldAfter).toBe(amount)
  }, 420_000)
})
