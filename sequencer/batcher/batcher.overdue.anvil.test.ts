/**
 * A sealed batch that L1 would refuse as overdue (a queue entry it does not consume waited
 * longer than the inclusion delay) is unsealed and rebuilt from the log, committed under a new
 * key, and consumes the overdue entry; every preconfirmed transaction keeps its sequence
 * number. Two ways in: the batch was sealed before an outage (its commit failed, the sequencer
 * stopped, L1 time passed: caught before the commit is sent again), and a commit that is mined
 * and reverts as overdue (caught after the failure; not critical). On anvil with the INSECURE
 * mock verifier; the sequencer is driven by hand (`poll`, `tick`) with a test clock.
 */
import { pino } from 'pino'
import { parseEther, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterweightRollupAbi, ROLLUP_SETTINGS, type RollupDeployment } from '../../l1-contracts/index.ts'
import { RollupState, TEST_PARAMS, TX_TYPE } from '../../protocol/index.ts'
import type { TestWorld } from '../../protocol/transition/testWorld.ts'
import type { Anvil } from '../../test/harness/anvil.ts'
import type { SequencerConfig } from '../config/index.ts'
import { createSequencer, type Sequencer } from '../createSequencer.ts'
import type { SequencerError } from '../errors/index.ts'
import type { L1Receipt, L1Request, L1Sender } from '../l1/L1Sender.ts'
import { DirectSender } from '../l1/testing/DirectSender.ts'
import { bytesToHash } from '../mempool/hashBytes.ts'
import { batcherTestbed, type BatcherTestbed } from '../testing/batcherTestbed.ts'

const MAX_AGE_MS = 10_000
const DELAY = Number(ROLLUP_SETTINGS.test.inclusionDelay)

/**
 * A {@link DirectSender} that can fail (as an L1 outage), or, for one key, move L1 time past
 * the inclusion delay and send with a fixed gas limit (no estimate), so that the commit is
 * mined and reverts.
 */
class TestSender implements L1Sender {
  mode: 'ok' | 'fail' = 'ok'
  revertKey: string | undefined
  readonly keys: string[] = []
  constructor(
    private readonly inner: DirectSender,
    private readonly anvil: Anvil,
  ) {}
  outcome(key: string): L1Receipt | undefined {
    return this.inner.outcome(key)
  }
  async send(request: L1Request): Promise<L1Receipt> {
    if (this.mode === 'fail') throw new Error('L1 unreachable (test)')
    this.keys.push(request.key)
    if (request.key !== this.revertKey) return this.inner.send(request)
    await this.anvil.testClient.increaseTime({ seconds: DELAY + 1 })
    await this.anvil.testClient.mine({ blocks: 1 })
    return this.inner.send({ ...request, gas: 5_000_000n })
  }
}

describe('batcher: a sealed batch L1 would refuse as overdue (anvil, mock verifier)', () => {
  let bed: BatcherTestbed | undefined
  let anvil: Anvil
  let d: RollupDeployment
  let world: TestWorld
  let dir: string
  let config: SequencerConfig
  let seq: Sequencer
  let sender: TestSender
  let clock = Date.now()
  const criticals: SequencerError[] = []
  const accepted: { seq: number; hash: bigint }[] = []

  const read = <T,>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
    anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<T>
  const deposit = async (u: number, amount: bigint): Promise<void> => {
    const fee = await read<bigint>('queueFee')
    const k = world.users[u]!.publicKey
    const hash = await anvil.walletClients[u + 1]!.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'depositETH', args: [amount, 0n, k.x, k.y], value: amount + fee } as never)
    expect((await anvil.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  }
  const open = async (): Promise<Sequencer> => {
    const inner = DirectSender.overHttp({ url: anvil.rpcUrl, account: anvil.accounts[0]!, chain: anvil.chain, publicClient: anvil.publicClient as PublicClient })
    sender = new TestSender(inner, anvil)
    return createSequencer({
      config,
      genesis: new RollupState({ depth: TEST_PARAMS.depth }),
      logger: pino({ level: 'silent' }),
      now: () => clock,
      onCritical: (e) => criticals.push(e),
      l1: { client: anvil.publicClient as PublicClient, sender },
    })
  }
  const transfer = async (u: number, from: bigint, to: bigint, amount: bigint, nonce: bigint): Promise<void> => {
    const a = await seq.submit(world.sign(u, { type: TX_TYPE.TRANSFER, from, to, amount, fee: 0n, nonce }))
    accepted.push({ seq: a.seq, hash: a.hash })
  }
  const heads = async (): Promise<{ queueLength: bigint; committedQueue: bigint; committed: bigint }> => {
    const h = await read<readonly bigint[]>('heads')
    return { queueLength: h[0]!, committedQueue: h[1]!, committed: h[3]! }
  }
  const viewRoot = (): bigint => {
    const s = new RollupState({ depth: TEST_PARAMS.depth })
    for (const [, a] of seq.view.allAccounts()) s.allocate(a)
    return s.root
  }
  /** Every preconfirmed transaction is in the batch of its sequence number, at that number, in log order. */
  const expectSequenceKept = (): void => {
    for (const a of accepted) {
      const b = seq.batches.ofSeq(a.seq)
      if (!b) continue
      const c = b.chunks.find((c) => c.firstSeq <= a.seq && a.seq < c.firstSeq + c.txCount)
      expect(c, `chunk of seq ${a.seq}`).toBeDefined()
      expect(bytesToHash(seq.store.txRange(a.seq, 1)[0]!.hash)).toBe(a.hash)
    }
  }

  beforeAll(async () => {
    bed = await batcherTestbed({ name: 'overdue', users: 3, maxBatchAgeMs: MAX_AGE_MS, deadlineMarginSeconds: 10 })
    ;({ anvil, d, world, dir, config } = bed)
    seq = await open()
  }, 120_000)

  afterAll(async () => {
    await seq?.stop()
    await bed?.close()
  })

  it('rebuilds a batch sealed before an outage under a new key, and it consumes the overdue entry', async () => {
    await deposit(0, parseEther('1'))
    await deposit(1, parseEther('1'))
    await seq.follower!.poll()
    await transfer(0, 1n, 2n, 1000n, 0n)
    await transfer(1, 2n, 1n, 500n, 0n)
    // Entry 2 is on L1 but not in the log yet: the batch sealed now ends at queue position 2.
    await deposit(2, parseEther('1'))
    sender.mode = 'fail'
    clock += MAX_AGE_MS + 1
    await expect(seq.batcher!.tick()).rejects.toThrow(/L1 unreachable/)
    expect(seq.batches.get(1)).toMatchObject({ status: 'sealed', queueEnd: 2, txCount: 2, attempt: 0 })
    // Entry 2 is logged after both transfers; a transfer from the account it creates follows it.
    await seq.follower!.poll()
    expect(seq.mempool.queueLength).toBe(3)
    await transfer(2, 3n, 1n, 7n, 0n)
    // The outage: the sequencer stops, L1 time passes beyond the inclusion delay of entry 2.
    await seq.stop()
    await anvil.testClient.increaseTime({ seconds: DELAY + 1 })
    await anvil.testClient.mine({ blocks: 1 })
    seq = await open()
    expect(seq.batches.get(1)?.status).toBe('sealed')

    clock += 1
    await seq.batcher!.tick()
    const h = await heads()
    expect(h.committed).toBe(1n)
    expect(h.committedQueue).toBe(3n)
    const b = seq.batches.get(1)!
    expect(b).toMatchObject({ status: 'committed', attempt: 1, queueStart: 0, queueEnd: 3, firstSeq: 1, txCount: 3 })
    expect(b.chunks.map((c) => [c.queueStart, c.queueCount, c.firstSeq, c.txCount])).toEqual([
      [0, 2, 1, 2],
      [2, 1, 3, 1],
    ])
    expect(sender.keys).toEqual(['commit:batch:1:1'])
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
    expect(accepted.map((a) => a.seq)).toEqual([1, 2, 3])
    expectSequenceKept()
    expect(criticals).toEqual([])
  })

  it('a commit mined and reverted as overdue is not critical: the batch is rebuilt once the entry is logged', async () => {
    await transfer(0, 1n, 2n, 1n, 1n)
    await deposit(0, 5n) // entry 3: on L1, not logged yet
    sender.revertKey = 'commit:batch:2'
    clock += MAX_AGE_MS + 1
    // Sent before the entry is overdue, mined after: the commit reverts; the entry is not in the log yet.
    await expect(seq.batcher!.tick()).rejects.toMatchObject({ code: 'COMMIT_DEFERRED' })
    expect(seq.batches.get(2)).toMatchObject({ status: 'sealed', queueEnd: 3, attempt: 0 })
    expect((await heads()).committed).toBe(1n)
    expect(sender.outcome('commit:batch:2')?.status).toBe('reverted')
    await seq.follower!.poll()
    clock += 1
    await seq.batcher!.tick()
    const h = await heads()
    expect(h.committed).toBe(2n)
    expect(h.committedQueue).toBe(4n)
    expect(seq.batches.get(2)).toMatchObject({ status: 'committed', attempt: 1, queueEnd: 4, firstSeq: 4, txCount: 1 })
    expect(sender.keys.slice(1)).toEqual(['commit:batch:2', 'commit:batch:2:1'])
    expect(await read<bigint>('lastCommittedStateRoot')).toBe(viewRoot())
    expectSequenceKept()
    expect(criticals).toEqual([])
    expect(seq.batcher!.status().failed).toBeUndefined()
  })
})
