/**
 * The SDK's L1 side against a real anvil: batches are committed, proven (INSECURE mock
 * verifier) and finalized by the test sequencer of sequencer/node/testing/rollupDriver.ts
 * (the sequencer's batcher is not on main yet). Covers the withdrawal state machine of a
 * forced withdrawal and of an L2 withdrawal (located from the batch data on L1), claims,
 * escape mode, deposit refunds, and the forced-inclusion status along the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { numberToHex, parseEther, type Address, type Hex } from 'viem'
import { TX_TYPE } from '../../protocol/index.ts'
import { ROLLUP_SETTINGS, escapeWithdrawArgs, exitClaimArgs, insecureMockProof } from '../../l1-contracts/index.ts'
import { RollupDriver } from '../../sequencer/node/testing/rollupDriver.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import type { WithdrawalProofJson } from './client/bridgeRpcSchema.ts'
import { createCounterweightClient } from './client/createCounterweightClient.ts'
import { counterweightActions } from './client/counterweightActions.ts'
import type { SequencerClient } from './client/types.ts'
import { L1RevertedError, NotClaimableError, RpcMethodUnsupportedError } from './errors/index.ts'

let anvil: Anvil
let driver: RollupDriver

beforeAll(async () => {
  anvil = await startAnvil()
  driver = await RollupDriver.create({ anvil, users: 3 })
}, 120_000)
afterAll(async () => {
  await anvil?.stop()
})

/** A stand-in for the `rollup_getWithdrawalProof` the sequencer and node are getting: the shape of getExitProof in hex JSON. */
function proofServer(): SequencerClient {
  return {
    async request({ method, params }) {
      if (method !== 'rollup_getWithdrawalProof') throw new Error(`unexpected ${method}`)
      const [batch, chunk, position] = (params as Hex[]).map((p) => BigInt(p))
      const c = driver.batches.find((b) => b.number === batch)!.chunks[Number(chunk)]!
      const exit = c.exits.find((e) => e.position === Number(position))!
      const args = exitClaimArgs({ chunk: c, batch: batch!, chunkIndex: chunk!, position: Number(position) })
      const hex = (v: bigint) => numberToHex(v)
      const json: WithdrawalProofJson = {
        exit: { position: hex(BigInt(exit.position)), recipient: numberToHex(exit.recipient, { size: 20 }), tokenId: hex(exit.tokenId), amount: hex(exit.amount) },
        args: [hex(args[0]), hex(args[1]), hex(args[2]), args[3], hex(args[4]), hex(args[5]), args[6].map(hex), hex(args[7])],
      }
      return json
    },
  }
}

/** The SDK as L1 wallet `wallet` (an anvil account) uses it; proofs come from {@link proofServer}. The driver numbers transactions from 0. */
const sdk = (wallet: number) =>
  counterweightActions({ rollup: driver.rollup, chainId: BigInt(driver.d.chainId), l1: anvil.walletClients[wallet]!, fromBlock: driver.d.blockNumber, firstSequence: 0n })(proofServer())

const balance = (a: Address) => anvil.publicClient.getBalance({ address: a })

describe('withdrawals from L1 alone', () => {
  let forcedPosition: bigint
  const alice = () => driver.users[0]!
  const bob = () => driver.users[1]!

  it('a forced withdrawal and an L2 withdrawal go initiated → committed → proven → finalized → claimed', async () => {
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('1') })
    await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('1') })
    const { queued } = await sdk(alice().wallet).forcedWithdraw({ from: 1n, amount: parseEther('0.25') })
    driver.entries.push(queued!.entry) // the driver builds chunks from the entries it knows
    forcedPosition = queued!.position
    expect(forcedPosition).toBe(2n)
    const forced = { position: forcedPosition }
    const l2 = { sequence: 0n }
    expect((await sdk(1).getWithdrawalStatus({ ref: forced })).stage).toBe('initiated')
    expect((await sdk(1).getQueueEntryStatus({ position: forcedPosition })).status).toBe('pending')

    // Batch 1 (calldata): both deposits and the L2 withdrawal in chunk 0, the forced withdrawal in chunk 1.
    const withdrawal = driver.world.sign(1, { type: TX_TYPE.WITHDRAW, from: 2n, recipient: BigInt(bob().address), amount: parseEther('0.5'), fee: 0n, nonce: 0n })
    const batch = await driver.commit({ built: driver.buildChunks({ txs: [withdrawal] }), da: 'calldata' })
    expect(batch.number).toBe(1n)
    const committedForced = await sdk(1).getWithdrawalStatus({ ref: forced })
    const committedL2 = await sdk(1).getWithdrawalStatus({ ref: l2 })
    // The locations the SDK found on L1 are where protocol's buildChunk put the exits.
    const exitOf = (chunk: bigint | undefined, position: bigint | undefined) => batch.chunks[Number(chunk)]?.exits.find((e) => BigInt(e.position) === position)
    expect(committedForced).toMatchObject({ stage: 'committed', batch: 1n })
    expect(exitOf(committedForced.chunk, committedForced.exitPosition)).toMatchObject({ recipient: BigInt(alice().address), amount: parseEther('0.25') })
    expect(committedL2).toMatchObject({ stage: 'committed', batch: 1n })
    expect(exitOf(committedL2.chunk, committedL2.exitPosition)).toMatchObject({ recipient: BigInt(bob().address), amount: parseEther('0.5') })
    expect(await sdk(1).getQueueEntryStatus({ position: forcedPosition })).toMatchObject({ status: 'consumed', batch: 1n, stage: 'committed' })

    // Claims are refused before finality, without sending anything.
    await expect(sdk(2).claimWithdrawal({ ref: l2 })).rejects.toMatchObject({ name: 'NotClaimableError', code: 'NOT_FINALIZED' })

    for (const [k, c] of batch.chunks.entries()) await driver.send(0, 'prove', [1n, BigInt(k), c.publicInputs, insecureMockProof(c.publicInputs)])
    expect((await sdk(1).getWithdrawalStatus({ ref: forced })).stage).toBe('proven')
    expect((await sdk(1).getBatchStatus({ batch: 1n })).provenChunks).toBe(batch.chunks.length)
    await driver.send(0, 'finalize', [1n])
    driver.finalized = 1n
    expect((await sdk(1).waitForWithdrawal({ ref: l2, until: 'finalized', timeoutMs: 5000 })).stage).toBe('finalized')
    expect((await sdk(1).waitForBatch({ sequence: 0n, until: 'finalized', timeoutMs: 5000 })).batch).toBe(1n)

    // Claim the forced withdrawal with an explicit proof, the L2 one by reference (proof fetched over RPC).
    const c = batch.chunks[Number(committedForced.chunk)]!
    const args = exitClaimArgs({ chunk: c, batch: 1n, chunkIndex: committedForced.chunk!, position: Number(committedForced.exitPosition) })
    const aliceBefore = await balance(alice().address)
    await sdk(5).claimWithdrawal({ proof: { exit: exitOf(committedForced.chunk, committedForced.exitPosition)!, args } })
    expect(await balance(alice().address)).toBe(aliceBefore + parseEther('0.25'))
    const bobBefore = await balance(bob().address)
    await sdk(5).claimWithdrawal({ ref: l2 })
    expect(await balance(bob().address)).toBe(bobBefore + parseEther('0.5'))
    for (const ref of [forced, l2]) expect((await sdk(1).getWithdrawalStatus({ ref })).stage).toBe('claimed')

    // Claiming again: refused by the status check, and by the contract when forced.
    await expect(sdk(5).claimWithdrawal({ ref: l2 })).rejects.toBeInstanceOf(NotClaimableError)
    const again = await sdk(5).claimWithdrawal({ proof: { exit: exitOf(committedForced.chunk, committedForced.exitPosition)!, args } }).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(L1RevertedError)
    expect(again).toMatchObject({ errorName: 'ExitAlreadyClaimed' })
  })

  it('a proof method the endpoint does not serve is a typed error', async () => {
    const client = createCounterweightClient({ sequencerUrl: anvil.rpcUrl, rollup: driver.rollup, chainId: BigInt(driver.d.chainId), l1: anvil.publicClient })
    await expect(client.getWithdrawalProof({ batch: 1n, chunk: 0n, position: 0n })).rejects.toBeInstanceOf(RpcMethodUnsupportedError)
  })

  it('escape mode: an unconsumed deposit is overdue, then refunded; balances leave with escape proofs', async () => {
    const carol = driver.users[2]!
    const { queued } = await sdk(carol.wallet).depositEth({ amount: parseEther('3') })
    driver.entries.push(queued!.entry)
    expect((await sdk(1).getQueueEntryStatus({ position: queued!.position })).status).toBe('pending')
    await expect(sdk(1).activateEscapeMode()).rejects.toMatchObject({ name: 'L1RevertedError', errorName: 'EscapeNotAvailable' })
    await anvil.testClient.increaseTime({ seconds: Number(ROLLUP_SETTINGS.test.escapeDelay) + 1 })
    await anvil.testClient.mine({ blocks: 1 })
    const overdue = await sdk(1).getQueueEntryStatus({ position: queued!.position })
    expect(overdue.status).toBe('overdue')
    expect(overdue.now).toBeGreaterThanOrEqual(overdue.escapeAvailableAt)
    await sdk(6).activateEscapeMode()
    expect((await sdk(1).getQueueEntryStatus({ position: queued!.position })).status).toBe('escape')
    // The forced withdrawal, consumed by a finalized batch, stays consumed.
    expect((await sdk(1).getQueueEntryStatus({ position: 2n })).status).toBe('consumed')

    const carolBefore = await balance(carol.address)
    await sdk(6).refundDeposit({ position: queued!.position })
    expect(await balance(carol.address)).toBe(carolBefore + parseEther('3'))
    await expect(sdk(6).refundDeposit({ position: queued!.position })).rejects.toMatchObject({ errorName: 'DepositAlreadyRefunded' })

    const alice = driver.users[0]!
    const aliceBefore = await balance(alice.address)
    await sdk(6).escapeWithdraw({ proof: { args: escapeWithdrawArgs({ state: driver.state, index: 1n }) } })
    expect(await balance(alice.address)).toBe(aliceBefore + driver.state.get(1n)!.balance)
    expect(driver.state.get(1n)!.balance).toBe(parseEther('0.75'))
  })
})
