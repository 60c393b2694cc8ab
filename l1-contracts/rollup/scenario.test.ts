/**
 * The rollup on anvil with the INSECURE mock verifier (fast): the contract's derived values
 * against protocol/ for every parameter preset, every queue kind against protocol's hashes,
 * a calldata batch of real chunks (the contract recomputes protocol's data commitments), a
 * permissionless commit-and-prove with a blob, and escape mode paying every account from
 * real Merkle proofs of protocol's state and refunding an unconsumed deposit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFunctionData, parseEther, type Address } from 'viem'
import {
  BLS_MODULUS,
  DEVNET_PARAMS,
  PRODUCTION_PARAMS,
  QUEUE_KIND,
  RollupState,
  TEST_PARAMS,
  TX_TYPE,
  buildChunk,
  chunkLayout,
  maxChunksPerBlob,
  queueChain,
  type Chunk,
  type QueueEntry,
} from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { counterweightRollupAbi, testTokenAbi } from '../abi/abis.ts'
import { loadArtifact } from '../build/artifact.ts'
import { deployArtifact, deployRollup, type RollupDeployment } from '../deploy/deployRollup.ts'
import { ROLLUP_SETTINGS } from '../deploy/config.ts'
import { chunkClaims } from './claims.ts'
import { insecureMockProof } from './mockProof.ts'
import { calldataBatchData } from './data.ts'
import { blobBatch } from './blobOpening.ts'
import { sendBlobTransaction } from './blobTx.ts'
import { escapeWithdrawArgs } from './exits.ts'
import { queueEntryFromEvent } from './events.ts'

describe('rollup scenarios against protocol/ (mock verifier)', () => {
  let anvil: Anvil
  let d: RollupDeployment
  let token: Address
  let alice: Address
  let bob: Address
  let carol: Address
  const state = new RollupState({ depth: TEST_PARAMS.depth })
  const entries: QueueEntry[] = []
  let consumed = 0

  beforeAll(async () => {
    anvil = await startAnvil()
    alice = anvil.accounts[1]!.address
    bob = anvil.accounts[2]!.address
    carol = anvil.accounts[3]!.address
    d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
    token = (await deployArtifact({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, artifact: loadArtifact({ name: 'TestToken' }), args: ['Test', 'TST'] })).address
  }, 120_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  const read = (functionName: string, args: readonly unknown[] = []) =>
    anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<unknown>
  const send = async (from: number, functionName: string, args: readonly unknown[], value = 0n, address: Address = d.rollup, abi: unknown = counterweightRollupAbi) => {
    const hash = await anvil.walletClients[from]!.writeContract({ address, abi, functionName, args, value } as never)
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status, functionName).toBe('success')
    return receipt
  }
  const advance = async (seconds: number) => {
    await anvil.testClient.increaseTime({ seconds })
    await anvil.testClient.mine({ blocks: 1 })
  }
  /** Reads every queue event so far and checks it against protocol's chain. */
  const syncQueue = async () => {
    const logs = await anvil.publicClient.getContractEvents({ address: d.rollup, abi: counterweightRollupAbi, eventName: 'QueueEntryAdded', fromBlock: d.blockNumber })
    entries.splice(0, entries.length, ...logs.map((l) => queueEntryFromEvent(l.args).entry))
    const chain = queueChain(entries)
    expect(logs.map((l) => l.args.queueHash)).toEqual(chain)
    expect(await read('queueHashAt', [BigInt(entries.length)])).toBe(chain.at(-1) ?? 0n)
  }
  const world = (users: number) => testWorld({ users, chainId: BigInt(d.chainId), rollupAddress: BigInt(d.rollup) })

  it('derives layout, domain and genesis exactly as protocol/ for every preset', async () => {
    for (const params of [TEST_PARAMS, DEVNET_PARAMS, PRODUCTION_PARAMS]) {
      const other = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params, verifier: { kind: 'address', address: d.verifier }, hashers: d.hashers, settings: ROLLUP_SETTINGS.test })
      const layout = chunkLayout(params)
      const get = (functionName: string) => anvil.publicClient.readContract({ address: other.rollup, abi: counterweightRollupAbi, functionName } as never)
      expect(await get('chunkElements')).toBe(BigInt(layout.chunkElements))
      expect(await get('exitDepth')).toBe(BigInt(layout.exitDepth))
      expect(await get('maxChunksPerBatch')).toBe(BigInt(maxChunksPerBlob(params)))
      // deployRollup itself checks domain and genesis against protocol/ and throws otherwise.
      expect(other.domain).not.toBe(d.domain)
    }
  })

  it('every queue kind hashes as protocol/ and the events rebuild the entries', async () => {
    const w = world(3)
    const fee = (await read('queueFee')) as bigint
    await send(1, 'depositETH', [parseEther('2'), 0n, w.users[0]!.publicKey.x, w.users[0]!.publicKey.y], parseEther('2') + fee)
    await send(2, 'depositETH', [parseEther('1'), 0n, 0n, 0n], parseEther('1') + fee)
    await send(0, 'listToken', [token])
    await send(0, 'mint', [carol, 1000n], 0n, token, testTokenAbi)
    await send(3, 'approve', [d.rollup, 1000n], 0n, token, testTokenAbi)
    await send(3, 'depositToken', [1n, 700n, 0n, 0n, 0n], fee)
    await send(2, 'setKey', [2n, w.users[1]!.publicKey.x, w.users[1]!.publicKey.y], fee)
    await send(2, 'forcedTransfer', [2n, 1n, parseEther('0.25')], fee)
    await send(1, 'forcedWithdraw', [1n, parseEther('0.5')], fee)
    await syncQueue()
    expect(entries.map((e) => e.kind)).toEqual([1, 1, 1, 2, 3, 4])
    expect(entries[2]).toEqual({ kind: QUEUE_KIND.DEPOSIT, sender: BigInt(carol), toIndex: 0n, tokenId: 1n, amount: 700n, publicKey: { x: 0n, y: 0n } })
    expect(entries[4]).toEqual({ kind: QUEUE_KIND.FORCED_TRANSFER, sender: BigInt(bob), from: 2n, to: 1n, amount: parseEther('0.25') })
  })

  it('a calldata batch of real chunks: the contract recomputes the data commitments', async () => {
    const w = world(3)
    // Chunk 0: the two ETH deposits and an L2 transfer; chunk 1: the token deposit and set-key.
    const c0 = buildChunk({ state, params: TEST_PARAMS, domain: d.domain, queue: { entries: entries.slice(0, 2), startHash: 0n }, txs: [w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: parseEther('0.125'), fee: 0n, nonce: 0n })], firstSeq: 0n, feeAccounts: [] })
    c0.state.commit()
    const c1 = buildChunk({ state, params: TEST_PARAMS, domain: d.domain, queue: { entries: entries.slice(2, 4), startHash: c0.newQueueHash }, txs: [], firstSeq: 1n, feeAccounts: [] })
    c1.state.commit()
    expect([...c0.queueOutcomes, ...c1.queueOutcomes].map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
    const chunks: Chunk[] = [c0, c1]
    const claims = chunkClaims({ chunks, queueStart: 0n })
    const data = calldataBatchData({ params: TEST_PARAMS, chunks: chunks.map((c) => c.data) })
    // A wrong data commitment is refused...
    const bad = claims.map((c) => ({ ...c }))
    bad[1]!.dataCommitment += 1n
    await expect(anvil.publicClient.simulateContract({ account: anvil.accounts[0]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'commitBatchCalldata', args: [data, bad] })).rejects.toThrow(/DataCommitmentMismatch/)
    // ...and so is a share other than the calldata share (-sum of the chunk's elements mod r)
    const badShare = claims.map((c) => ({ ...c }))
    badShare[0]!.blobShare = (badShare[0]!.blobShare + 1n) % BLS_MODULUS
    await expect(anvil.publicClient.simulateContract({ account: anvil.accounts[0]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'commitBatchCalldata', args: [data, badShare] })).rejects.toThrow(/BlobShareMismatch/)
    // ...the real one is accepted, the contract's public inputs are the chunks' own.
    const receipt = await send(0, 'commitBatchCalldata', [data, claims])
    const committed = await anvil.publicClient.getContractEvents({ address: d.rollup, abi: counterweightRollupAbi, eventName: 'ChunkCommitted', fromBlock: receipt.blockNumber, toBlock: receipt.blockNumber })
    expect(committed.map((e) => [...e.args.publicInputs!])).toEqual([c0.publicInputs, c1.publicInputs])
    for (const [k, c] of chunks.entries()) await send(4, 'prove', [1n, BigInt(k), c.publicInputs, insecureMockProof(c.publicInputs)])
    await send(4, 'finalize', [1n])
    consumed = 4
    expect(await read('lastFinalizedStateRoot')).toBe(state.root)
  })

  it('after the inclusion delay anyone commits and proves a blob batch in one transaction', async () => {
    await advance(Number(ROLLUP_SETTINGS.test.inclusionDelay) + 1)
    expect(await read('permissionless')).toBe(true)
    const c = buildChunk({ state, params: TEST_PARAMS, domain: d.domain, queue: { entries: entries.slice(consumed, consumed + 2), startHash: queueChain(entries)[consumed - 1]! }, txs: [], firstSeq: 1n, feeAccounts: [] })
    expect(c.queueOutcomes.map((o) => o.status)).toEqual(['applied', 'applied'])
    const b = blobBatch({ params: TEST_PARAMS, chunks: [c] })
    const claims = chunkClaims({ chunks: b.chunks, queueStart: BigInt(consumed) })
    const receipt = await sendBlobTransaction({
      walletClient: anvil.walletClients[5]!,
      publicClient: anvil.publicClient,
      to: d.rollup,
      data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitAndProve', args: [claims, b.opening, [insecureMockProof(b.chunks[0]!.publicInputs)]] }),
      blob: b.blob,
    })
    expect(receipt.status).toBe('success')
    c.state.commit()
    consumed += 2
    expect(await read('lastFinalizedStateRoot')).toBe(state.root)
    // The queue fees of the consumed entries went to the committer.
    expect(await read('owed', [anvil.accounts[5]!.address, 0n])).toBe(2n * ROLLUP_SETTINGS.test.queueFeeBase)
  })

  it('escape mode pays every account from a Merkle proof of protocol state and refunds the unconsumed deposit', async () => {
    const fee = (await read('queueFee')) as bigint
    await send(2, 'depositETH', [parseEther('3'), 0n, 0n, 0n], parseEther('3') + fee)
    await syncQueue()
    await expect(anvil.publicClient.simulateContract({ account: anvil.accounts[6]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'activateEscapeMode' })).rejects.toThrow(/EscapeNotAvailable/)
    await advance(Number(ROLLUP_SETTINGS.test.escapeDelay) + 1)
    await send(6, 'activateEscapeMode', [])
    expect(await read('escapeMode')).toBe(true)

    const accounts = [...state.allAccounts()]
    expect(accounts.map(([i]) => i)).toEqual([1n, 2n, 3n])
    const before = await Promise.all([alice, bob].map((a) => anvil.publicClient.getBalance({ address: a })))
    for (const [index] of accounts) await send(6, 'escapeWithdraw', escapeWithdrawArgs({ state, index }))
    const after = await Promise.all([alice, bob].map((a) => anvil.publicClient.getBalance({ address: a })))
    expect(after[0]! - before[0]!).toBe(state.get(1n)!.balance)
    expect(after[1]! - before[1]!).toBe(state.get(2n)!.balance)
    expect(state.get(1n)!.balance + state.get(2n)!.balance).toBe(parseEther('2.5')) // 3 ETH in, 0.5 in the exit tree
    expect(await anvil.publicClient.readContract({ address: token, abi: testTokenAbi, functionName: 'balanceOf', args: [carol] })).toBe(1000n)
    await expect(anvil.publicClient.simulateContract({ account: anvil.accounts[6]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'escapeWithdraw', args: escapeWithdrawArgs({ state, index: 1n }) })).rejects.toThrow(/AccountAlreadyWithdrawn/)

    const last = entries.at(-1)!
    if (last.kind !== QUEUE_KIND.DEPOSIT) throw new Error('expected a deposit')
    const bobBefore = await anvil.publicClient.getBalance({ address: bob })
    await send(6, 'escapeRefundDeposit', [BigInt(entries.length - 1), { sender: bob, toIndex: 0n, tokenId: 0n, amount: last.amount, pubKeyX: 0n, pubKeyY: 0n }])
    expect(await anvil.publicClient.getBalance({ address: bob })).toBe(bobBefore + parseEther('3'))
    // What is left is exactly the forced withdrawal waiting in the finalized exit tree.
    expect(await read('custody', [0n])).toBe(parseEther('0.5'))
    expect(await read('custody', [1n])).toBe(0n)
  })
})
