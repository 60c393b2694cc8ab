/**
 * The SDK against a real anvil (rollup deployed with the INSECURE mock verifier) and an
 * in-process sequencer listening on a free port, configured for that rollup, whose
 * preconfirmation key is the rollup's L1 sequencer (anvil account 0). L1 queue entries reach
 * the sequencer through `applyQueueEntries` (the L1 follower's job, not on main yet).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWalletClient, http, parseEther, type Account, type Chain, type Transport, type WalletClient } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { RollupState, TEST_PARAMS, type L2Key } from '../../protocol/index.ts'
import { ROLLUP_SETTINGS, deployRollup, type RollupDeployment } from '../../l1-contracts/index.ts'
import { createRpcServer, createSequencer, parseConfig, type Sequencer } from '../../sequencer/index.ts'
import { ANVIL_MNEMONIC, startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { AccountError, ChainMismatchError, InvalidAmountError, InvalidPreconfirmationError, TransactionRefusedError } from './errors/index.ts'
import { createCounterweightClient } from './client/createCounterweightClient.ts'
import { deriveWalletL2Key } from './actions/keys/deriveWalletL2Key.ts'
import { getQueueEntryStatus } from './actions/status/getQueueEntryStatus.ts'
import type { QueuedEntry } from './actions/l1/queuedEntryOf.ts'

const SEQUENCER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' // anvil account 0

let anvil: Anvil
let d: RollupDeployment
let sequencer: Sequencer
let app: FastifyInstance
let url: string
let dir: string
let applied = 0

beforeAll(async () => {
  anvil = await startAnvil()
  d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
  dir = mkdtempSync(join(tmpdir(), 'cw-sdk-'))
  const config = parseConfig({ chainId: d.chainId, rollupAddress: d.rollup, sequencerKey: SEQUENCER_KEY, dbPath: join(dir, 'sequencer.db'), params: 'test', workers: 0, synchronous: 'NORMAL', logLevel: 'silent', blockIntervalMs: 200 })
  sequencer = await createSequencer({ config, genesis: new RollupState({ depth: TEST_PARAMS.depth }), logger: pino({ level: 'silent' }) })
  sequencer.start()
  app = createRpcServer({ sequencer })
  await app.listen({ host: '127.0.0.1', port: 0 })
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}, 120_000)

afterAll(async () => {
  await app?.close()
  await sequencer?.stop()
  await anvil?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** What the L1 follower will do: hand the sequencer the queue entries L1 emitted, in order. */
async function follow(queued: QueuedEntry | undefined) {
  expect(queued?.position).toBe(BigInt(applied))
  const [outcome] = await sequencer.applyQueueEntries({ position: applied, entries: [queued!.entry] })
  applied++
  return outcome
}

const sdk = (user: number, overrides: { chainId?: bigint; sequencerAddress?: `0x${string}` } = {}) =>
  createCounterweightClient({ sequencerUrl: url, rollup: d.rollup, chainId: d.chainId, l1: anvil.walletClients[user]!, fromBlock: d.blockNumber, ...overrides })

describe('keys', () => {
  it('derives the same L2 key from the same wallet, and another one per key index, rollup or account', async () => {
    const wallet = anvil.walletClients[1]!
    const a = await deriveWalletL2Key(wallet, { rollup: d.rollup, chainId: BigInt(d.chainId) })
    const b = await sdk(1).deriveL2Key()
    expect(b.privateKey).toEqual(a.privateKey)
    expect(b.publicKey).toEqual(a.publicKey)
    const other = [
      await deriveWalletL2Key(wallet, { rollup: d.rollup, chainId: BigInt(d.chainId), keyIndex: 1 }),
      await deriveWalletL2Key(wallet, { rollup: d.hashers.poseidon2, chainId: BigInt(d.chainId) }),
      await deriveWalletL2Key(anvil.walletClients[2]!, { rollup: d.rollup, chainId: BigInt(d.chainId) }),
    ]
    for (const k of other) expect(k.publicKey).not.toEqual(a.publicKey)
  })

  it('refuses a wallet on another chain', async () => {
    const wallet = anvil.walletClients[1]!
    await expect(deriveWalletL2Key(wallet, { rollup: d.rollup, chainId: 1n })).rejects.toBeInstanceOf(ChainMismatchError)
  })
})

describe('deposit, accounts and transfers', () => {
  let alice: L2Key
  let bob: L2Key
  const aliceAddress = () => anvil.accounts[1]!.address
  const bobAddress = () => anvil.accounts[2]!.address

  it('a deposit with a key appears as an account once its queue entry is applied', async () => {
    alice = await sdk(1).deriveL2Key()
    bob = await sdk(2).deriveL2Key()
    const before = await sdk(1).getAccountsByOwner({ owner: aliceAddress() })
    expect(before).toEqual([])
    const { queued } = await sdk(1).depositEth({ amount: parseEther('2'), key: alice })
    expect(queued?.entry).toMatchObject({ kind: 1, amount: parseEther('2'), publicKey: alice.publicKey })
    expect(await follow(queued)).toMatchObject({ status: 'applied' })
    const account = await sdk(1).waitForAccount({ owner: aliceAddress(), publicKey: alice.publicKey, timeoutMs: 5000, pollingIntervalMs: 50 })
    expect(account).toMatchObject({ owner: aliceAddress().toLowerCase(), tokenId: 0n, balance: parseEther('2'), nonce: 0n, publicKey: alice.publicKey })
    expect(await sdk(1).getL2Balance({ address: aliceAddress() })).toBe(parseEther('2'))

    const bobDeposit = await sdk(2).depositEth({ amount: parseEther('1'), key: bob })
    await follow(bobDeposit.queued)
    expect((await sdk(2).getAccountsByOwner({ owner: bobAddress(), tokenId: 0n })).map((a) => a.index)).toEqual([2n])
  })

  it('a transfer returns a preconfirmation signed by the rollup\'s L1 sequencer, and moves the balances', async () => {
    const client = sdk(1)
    const result = await client.transfer({ key: alice, owner: aliceAddress(), to: 2n, amount: parseEther('0.25') })
    expect(result.sequence).toBe(1n)
    expect(result.preconfirmation.rollup.toLowerCase()).toBe(d.rollup.toLowerCase())
    // The same preconfirmation is served back by sequence number.
    expect((await client.getPreconfirmation({ sequence: result.sequence }))?.txHash).toBe(result.txHash)
    expect((await client.getAccount({ index: 1n }))).toMatchObject({ balance: parseEther('1.75'), nonce: 1n })
    expect((await client.getAccount({ index: 2n }))?.balance).toBe(parseEther('1.25'))
    expect(await client.getL2TransactionCount({ address: aliceAddress() })).toBe(1n)
    // The typed request of the schema works on the same client.
    const status = await client.request({ method: 'rollup_status', params: [] })
    expect(BigInt(status.preconfirmedSequence)).toBe(1n)
  })

  it('transfers to an L1 address and withdraws, with automatic nonces', async () => {
    const client = sdk(1)
    const carol = anvil.accounts[3]!.address
    const toL1 = await client.transferToL1({ key: alice, from: 1n, toAddress: carol, amount: parseEther('0.125') })
    const out = await client.withdraw({ key: alice, from: 1n, owner: aliceAddress(), amount: parseEther('0.5') })
    expect(out.sequence).toBe(toL1.sequence + 1n)
    expect(await client.getL2Balance({ address: carol })).toBe(parseEther('0.125'))
    expect((await client.getAccount({ index: 1n }))).toMatchObject({ balance: parseEther('1.125'), nonce: 3n })
  })

  it('refusals are typed by the sequencer\'s stable codes, with what to do next', async () => {
    const nonce = await sdk(1).transfer({ key: alice, from: 1n, to: 2n, amount: 1000n, nonce: 0n }).catch((e: unknown) => e)
    expect(nonce).toBeInstanceOf(TransactionRefusedError)
    expect(nonce).toMatchObject({ name: 'TransactionRefusedError', code: 'NONCE_TOO_LOW', rpcCode: -38001, temporary: false })
    expect(BigInt((nonce as TransactionRefusedError).data.accountNonce as string)).toBe(3n)
    expect((nonce as TransactionRefusedError).hint).toMatch(/nonce/)

    const chain = await sdk(1, { chainId: 1n }).transfer({ key: alice, from: 1n, to: 2n, amount: 1000n }).catch((e: unknown) => e)
    expect(chain).toMatchObject({ name: 'TransactionRefusedError', code: 'WRONG_CHAIN', rpcCode: -38006 })

    const unknown = await sdk(1).transfer({ key: alice, from: 1n, to: 99n, amount: 1000n }).catch((e: unknown) => e)
    expect(unknown).toMatchObject({ code: 'UNKNOWN_RECIPIENT' })
    const tooMuch = await sdk(1).transfer({ key: alice, from: 1n, to: 2n, amount: parseEther('5') }).catch((e: unknown) => e)
    expect(tooMuch).toMatchObject({ code: 'INSUFFICIENT_BALANCE' })
  })

  it('checks before signing: key, account and amount', async () => {
    await expect(sdk(1).transfer({ key: bob, from: 1n, to: 2n, amount: 1000n })).rejects.toMatchObject({ name: 'AccountError', code: 'KEY_MISMATCH', index: 1n })
    await expect(sdk(1).transfer({ key: alice, from: 77n, to: 2n, amount: 1000n })).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' })
    await expect(sdk(1).transfer({ key: alice, owner: anvil.accounts[4]!.address, to: 2n, amount: 1000n })).rejects.toBeInstanceOf(AccountError)
    const amount = await sdk(1).transfer({ key: alice, from: 1n, to: 2n, amount: 123456789123456789n }).catch((e: unknown) => e)
    expect(amount).toBeInstanceOf(InvalidAmountError)
    expect(amount).toMatchObject({ code: 'NOT_REPRESENTABLE', below: 123456789000000000n, above: 123456790000000000n })
    // Nothing was sent: the nonce did not move.
    expect((await sdk(1).getAccount({ index: 1n }))?.nonce).toBe(3n)
  })

  it('a preconfirmation signed by anyone but the expected sequencer is refused', async () => {
    const e = await sdk(1, { sequencerAddress: anvil.accounts[5]!.address }).transfer({ key: alice, from: 1n, to: 2n, amount: 1000n }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(InvalidPreconfirmationError)
    expect(e).toMatchObject({ code: 'BAD_PRECONFIRMATION_SIGNATURE' })
  })

  it('an L1 wallet on another chain is refused before anything is sent', async () => {
    const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 1 })
    const otherChain: Chain = { ...anvil.chain, id: 1 }
    const wallet: WalletClient<Transport, Chain, Account> = createWalletClient({ account, chain: otherChain, transport: http(anvil.rpcUrl) })
    const client = createCounterweightClient({ sequencerUrl: url, rollup: d.rollup, chainId: d.chainId, l1: wallet })
    await expect(client.depositEth({ amount: 1n })).rejects.toBeInstanceOf(ChainMismatchError)
  })
})

describe('forced inclusion on L1', () => {
  it('a forced withdrawal is pending, then overdue past the inclusion delay', async () => {
    const { queued } = await sdk(1).forcedWithdraw({ from: 1n, amount: parseEther('0.1') })
    const first = await getQueueEntryStatus(anvil.publicClient, { rollup: d.rollup, position: queued!.position })
    expect(first).toMatchObject({ status: 'pending', batch: undefined, timestamp: queued!.timestamp })
    expect(first.inclusionDeadline).toBe(queued!.timestamp + ROLLUP_SETTINGS.test.inclusionDelay)
    await anvil.testClient.increaseTime({ seconds: Number(ROLLUP_SETTINGS.test.inclusionDelay) + 1 })
    await anvil.testClient.mine({ blocks: 1 })
    expect((await sdk(1).getQueueEntryStatus({ position: queued!.position })).status).toBe('overdue')
    expect((await sdk(1).getWithdrawalStatus({ ref: { position: queued!.position } })).stage).toBe('initiated')
    await expect(sdk(1).getQueueEntryStatus({ position: queued!.position + 1n })).rejects.toMatchObject({ name: 'NotFoundError', code: 'QUEUE_ENTRY_NOT_FOUND' })
  })
})
