/**
 * The sequencer's L1 side on anvil, with the INSECURE mock verifier: the queue follower
 * credits L1 deposits once (also across a restart), preconfirmed transfers are batched as a
 * blob whose chunks give exactly the sequencer's state, a forced withdrawal queued after
 * preconfirmed transfers lands in a later chunk, batches seal when full or by age, a restart
 * never commits a batch twice, a finalized withdrawal is claimed on L1 with the arguments
 * `rollup_getWithdrawalProof` answers, and a reorg deeper than the confirmations stops the
 * follower. The sequencer is driven by hand (`poll`, `tick`) with a test clock.
 */
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { parseEther, type PublicClient, type TransactionReceipt } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterweightRollupAbi, insecureMockProof, publicInputsTuple, ROLLUP_SETTINGS, type RollupDeployment } from '../../l1-contracts/index.ts'
import { RollupState, TEST_PARAMS, TX_TYPE, type L2Tx } from '../../protocol/index.ts'
import type { TestWorld } from '../../protocol/transition/testWorld.ts'
import type { Anvil } from '../../test/harness/anvil.ts'
import type { SequencerConfig } from '../config/index.ts'
import { createSequencer, type Sequencer } from '../createSequencer.ts'
import { L1Error, type SequencerError } from '../errors/index.ts'
import { DirectSender } from '../l1/testing/DirectSender.ts'
import { createRpcServer } from '../rpc/createRpcServer.ts'
import { batcherTestbed, type BatcherTestbed } from '../testing/batcherTestbed.ts'

const MAX_AGE_MS = 10_000

describe('sequencer L1 side on anvil (mock verifier)', () => {
  let bed: BatcherTestbed | undefined
  let anvil: Anvil
  let d: RollupDeployment
  let world: TestWorld
  let dir: string
  let config: SequencerConfig
  let seq: Sequencer
  let sender: DirectSender
  let app: FastifyInstance
  let clock = Date.now()
  const criticals: SequencerError[] = []

  const read = <T,>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
    anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<T>
  const send = async (wallet: number, functionName: string, args: readonly unknown[], value = 0n): Promise<TransactionReceipt> => {
    const hash = await anvil.walletClients[wallet]!.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args, value } as never)
    const r = await anvil.publicClient.waitForTransactionReceipt({ hash })
    expect(r.status, functionName).toBe('success')
    return r
  }
  /** User `u` is anvil account `u + 1` with the world's L2 key `u`. */
  const deposit = async (u: number, amount: bigint): Promise<void> => {
    const fee = await read<bigint>('queueFee')
    const k = world.users[u]!.publicKey
    await send(u + 1, 'depositETH', [amount, 0n, k.x, k.y], amount + fee)
  }
  const open = async (): Promise<Sequencer> => {
    sender = DirectSender.overHttp({ url: anvil.rpcUrl, account: anvil.accounts[0]!, chain: anvil.chain, publicClient: anvil.publicClient as PublicClient })
    return createSequencer({
      config,
      genesis: new RollupState({ depth: TEST_PARAMS.depth }),
      logger: pino({ level: 'silent' }),
      now: () => clock,
      onCritical: (e) => criticals.push(e),
      l1: { client: anvil.publicClient as PublicClient, sender },
    })
  }
  const submit = (u: number, tx: L2Tx) => seq.submit(world.sign(u, tx))
  const transfer = (u: number, from: bigint, to: bigint, amount: bigint, nonce: bigint) => submit(u, { type: TX_TYPE.TRANSFER, from, to, amount, fee: 0n, nonce })
  const committed = async (): Promise<bigint> => (await read<readonly bigint[]>('heads'))[3]!
  /** The state root of the sequencer's view (fees are zero here, so the chunks must give exactly it). */
  const viewRoot = (): bigint => {
    const s = new RollupState({ depth: TEST_PARAMS.depth })
    for (const [, a] of seq.view.allAccounts()) s.allocate(a)
    return s.root
  }
  const rpc = async (method: string, params: unknown[] = []): Promise<{ result?: any; error?: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await app.inject({ method: 'POST', url: '/', payload: { jsonrpc: '2.0', id: 1, method, params } })
    return JSON.parse(r.body) as { result?: unknown; error?: unknown }
  }
  const age = async (): Promise<void> => {
    clock += MAX_AGE_MS + 1
    await seq.batcher!.tick()
  }

  beforeAll(async () => {
    bed = await batcherTestbed({ name: 'batcher', users: 3, maxBatchAgeMs: MAX_AGE_MS, deadlineMarginSeconds: 0 })
    ;({ anvil, d, world, dir, config } = bed)
    seq = await open()
    app = createRpcServer({ sequencer: seq })
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await seq?.stop()
    await bed?.close()
  })

  it('follows L1 deposits and credits each once', async () => {
    for (const u of [0, 1, 2]) await deposit(u, parseEther('1'))
    await seq.follower!.poll()
    await seq.follower!.poll()
    expect(seq.mempool.queueLength).toBe(3)
    for (const i of [1n, 2n, 3n]) expect(seq.view.get(i)?.balance).toBe(parseEther('1'))
    expect(seq.view.get(1n)?.owner).toBe(BigInt(anvil.accounts[1]!.address))
  })

  it('batches preconfirmed transfers as a blob whose chunks give the sequencer view', async () => {
    await transfer(0, 1n, 2n, 1000n, 0n)
    await transfer(1, 2n, 3n, 500n, 0n)
    await seq.batcher!.tick()
    expect(await committed()).toBe(0n) // not due yet: nothing is old
    await age()
    expect(await committed()).toBe(1n)
    const b = seq.batches.get(1)!
    expect(b).toMatchObject({ status: 'committed', queueStart: 0, queueEnd: 3, firstSeq: 1, txCount: 2 })
    expect(b.l1?.via).toBe('blob')
    const tx = await anvil.publicClient.getTransaction({ hash: b.l1!.transactionHash })
    expect(tx.blobVersionedHashes?.length).toBe(1)
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
    expect(b.stateRoot).toBe(viewRoot())
    expect(sender.sent.map((r) => r.key)).toEqual(['commit:batch:1'])
  })

  it('puts a forced withdrawal queued after preconfirmed transfers in a later chunk', async () => {
    const balance = seq.view.get(3n)!.balance
    await transfer(2, 3n, 1n, parseEther('0.5'), 0n)
    await transfer(2, 3n, 2n, parseEther('0.25'), 1n)
    // Queued after both, it is a no-op (account 3 holds less than 0.5 ETH by then); applied
    // before them, it would succeed and the second transfer would fail.
    await send(3, 'forcedWithdraw', [3n, parseEther('0.5')], await read<bigint>('queueFee'))
    await seq.follower!.poll()
    await transfer(0, 1n, 3n, 7n, 1n)
    await age()
    expect(await committed()).toBe(2n)
    const b = seq.batches.get(2)!
    expect(b.chunks.map((c) => [c.queueCount, c.txCount])).toEqual([
      [0, 2],
      [1, 1],
    ])
    expect(b.chunks[1]!.exits).toEqual([])
    expect(seq.view.get(3n)!.balance).toBe(balance - parseEther('0.75') + 7n)
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
  })

  it('seals a full batch at once and the rest by age', async () => {
    // maxChunks 4 of nTx 4: 17 single-record transfers fill 4 chunks and start a fifth.
    for (let n = 0n; n < 17n; n++) await transfer(0, 1n, 2n, 1n, 2n + n)
    await seq.batcher!.tick()
    expect(await committed()).toBe(3n)
    expect(seq.batches.get(3)!.chunks.map((c) => c.txCount)).toEqual([4, 4, 4, 4])
    await seq.batcher!.tick()
    expect(await committed()).toBe(3n)
    await age()
    expect(await committed()).toBe(4n)
    expect(seq.batches.get(4)!.txCount).toBe(1)
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
  })

  it('answers a withdrawal proof once finalized, and L1 pays it', async () => {
    const recipient = anvil.accounts[5]!.address
    const w = await submit(1, { type: TX_TYPE.WITHDRAW, from: 2n, recipient: BigInt(recipient), amount: 12345n, fee: 0n, nonce: 1n })
    const hash = `0x${w.hash.toString(16).padStart(64, '0')}`
    expect((await rpc('rollup_getWithdrawalProof', [hash])).error).toMatchObject({ code: -38100, message: expect.stringMatching(/is not in a batch yet/) })
    await age()
    const n = Number(await committed())
    expect((await rpc('rollup_getWithdrawalProof', [hash])).error).toMatchObject({ code: -38100, message: expect.stringMatching(new RegExp(`batch ${n}, which is committed`)) })
    const got = (await rpc('rollup_getBatch', [`0x${n.toString(16)}`])).result
    expect(got).toMatchObject({ number: `0x${n.toString(16)}`, status: 'committed', l1: { via: 'blob' } })
    // Prove every committed batch with mock proofs from the public inputs rollup_getBatch answers, and finalize.
    for (let k = 1; k <= n; k++) {
      const b = (await rpc('rollup_getBatch', [`0x${k.toString(16)}`])).result as { chunks: { publicInputs: `0x${string}`[] }[] }
      for (const [c, chunk] of b.chunks.entries()) {
        const inputs = chunk.publicInputs.map((x) => BigInt(x))
        await send(0, 'prove', [BigInt(k), BigInt(c), publicInputsTuple(inputs), insecureMockProof(inputs)])
      }
      if (k === 1) {
        await seq.batcher!.tick()
        expect(seq.batches.get(1)!.status).toBe('proven')
      }
      await send(0, 'finalize', [BigInt(k)])
    }
    await seq.batcher!.tick()
    expect(seq.batches.get(n)!.status).toBe('finalized')
    const proof = (await rpc('rollup_getWithdrawalProof', [hash])).result as { exit: { amount: string; recipient: string; position: string }; args: unknown[]; batch: string; chunk: string }
    expect(proof.exit).toMatchObject({ amount: '0x3039', recipient: recipient.toLowerCase() })
    expect(proof.batch).toBe(`0x${n.toString(16)}`)
    expect((await rpc('rollup_getWithdrawalProof', [proof.batch, proof.chunk, proof.exit.position])).result).toEqual(proof)
    expect((await rpc('rollup_getWithdrawalProof', [`0x${'ab'.repeat(32)}`])).error).toMatchObject({ code: -38102 })
    expect((await rpc('rollup_getWithdrawalProof', [proof.batch, proof.chunk, '0x0'])).error).toMatchObject({ code: -38101 })
    const args = proof.args.map((a, i) => (i === 3 ? a : Array.isArray(a) ? a.map((x: string) => BigInt(x)) : BigInt(a as string)))
    const before = await anvil.publicClient.getBalance({ address: recipient })
    await send(6, 'claimExit', args)
    expect((await anvil.publicClient.getBalance({ address: recipient })) - before).toBe(12345n)
  })

  it('answers forced inclusion status and rollup_status with the L1 heads', async () => {
    const fis = (await rpc('rollup_getForcedInclusionStatus', ['0x3'])).result
    expect(fis).toMatchObject({ position: '0x3', status: 'finalized', batch: '0x2', entry: { kind: '0x4', index: '0x3' } })
    expect(BigInt(fis.deadline) - BigInt(fis.l1Time)).toBe(ROLLUP_SETTINGS.test.inclusionDelay)
    expect((await rpc('rollup_getForcedInclusionStatus', ['0x63'])).result).toBeNull()
    await deposit(0, 5n)
    const pending = (await rpc('rollup_getForcedInclusionStatus', ['0x4'])).result
    expect(pending).toMatchObject({ position: '0x4', status: 'pending', entry: null })
    await seq.follower!.poll()
    expect((await rpc('rollup_getForcedInclusionStatus', ['0x4'])).result).toMatchObject({ status: 'ingested', batch: null })
    await seq.batcher!.tick()
    const st = (await rpc('rollup_status')).result
    const n = Number(await committed())
    expect(st).toMatchObject({ committedBatch: `0x${n.toString(16)}`, provenBatch: `0x${n.toString(16)}`, finalizedBatch: `0x${n.toString(16)}` })
    expect(st.queue).toMatchObject({ applied: '0x5', l1Length: '0x5', consumed: '0x4', pending: '0x1', inclusionDelaySeconds: '0x3c' })
    expect(BigInt(st.queue.oldestPendingAgeSeconds)).toBeGreaterThanOrEqual(0n)
    expect((await rpc('rollup_getBatch', ['0x99'])).result).toBeNull()
  })

  it('restarts without crediting twice or committing a batch again', async () => {
    await age() // batch the pending deposit
    const n = await committed()
    const last = seq.batches.get(Number(n))!
    // As if the process died between sending the commit and recording it.
    await seq.batches.save({ ...last, status: 'sealed', l1: undefined })
    const balances = [...seq.view.allAccounts()]
    await app.close()
    await seq.stop()
    seq = await open()
    app = createRpcServer({ sequencer: seq })
    expect(seq.batches.get(Number(n))!.status).toBe('committed')
    await seq.follower!.poll()
    await seq.batcher!.tick()
    expect(seq.mempool.queueLength).toBe(5)
    expect([...seq.view.allAccounts()]).toEqual(balances)
    expect(sender.sent).toEqual([])
    expect(await committed()).toBe(n)
    // It goes on from where it was.
    await transfer(0, 1n, 2n, 1n, 19n)
    await age()
    expect(await committed()).toBe(n + 1n)
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
    expect(criticals).toEqual([])
  })

  it('stops the follower when a block holding an ingested entry is reorganized away', async () => {
    const snapshot = await anvil.testClient.snapshot()
    await deposit(1, 9n)
    await seq.follower!.poll()
    expect(seq.mempool.queueLength).toBe(6)
    await anvil.testClient.revert({ id: snapshot })
    await anvil.testClient.mine({ blocks: 2 })
    await expect(seq.follower!.poll()).rejects.toThrow(L1Error)
    expect(criticals.map((e) => e.code)).toEqual(['L1_REORG'])
    expect(criticals[0]!.message).toMatch(/reorg deeper than the 0 confirmations/)
  })
})
