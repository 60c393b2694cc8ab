/**
 * With `batcherInit: 'background'` (what `main.ts` uses), a restarted sequencer takes
 * transactions while the batcher still rebuilds its state: `rollup_status` and `/health` say
 * the batcher is `starting`, a transfer is preconfirmed at once (it only goes to the durable
 * log), and the batcher, once ready, batches it. On anvil with the INSECURE mock verifier.
 */
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { parseEther, type PublicClient } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterweightRollupAbi, type RollupDeployment } from '../../l1-contracts/index.ts'
import { RollupState, TEST_PARAMS, TX_TYPE } from '../../protocol/index.ts'
import type { TestWorld } from '../../protocol/transition/testWorld.ts'
import type { Anvil } from '../../test/harness/anvil.ts'
import type { SequencerConfig } from '../config/index.ts'
import { createSequencer, type Sequencer } from '../createSequencer.ts'
import type { SequencerError } from '../errors/index.ts'
import { DirectSender } from '../l1/testing/DirectSender.ts'
import { createRpcServer } from '../rpc/createRpcServer.ts'
import { batcherTestbed, type BatcherTestbed } from '../testing/batcherTestbed.ts'

const MAX_AGE_MS = 10_000

describe('sequencer restart with the batcher starting in the background (anvil, mock verifier)', () => {
  let bed: BatcherTestbed | undefined
  let anvil: Anvil
  let d: RollupDeployment
  let world: TestWorld
  let dir: string
  let config: SequencerConfig
  let seq: Sequencer
  let app: FastifyInstance | undefined
  let clock = Date.now()
  const criticals: SequencerError[] = []

  const read = <T,>(functionName: string, args: readonly unknown[] = []): Promise<T> =>
    anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args } as never) as Promise<T>
  const open = (batcherInit: 'await' | 'background'): Promise<Sequencer> =>
    createSequencer({
      config,
      genesis: new RollupState({ depth: TEST_PARAMS.depth }),
      logger: pino({ level: 'silent' }),
      now: () => clock,
      onCritical: (e) => criticals.push(e),
      l1: { client: anvil.publicClient as PublicClient, sender: DirectSender.overHttp({ url: anvil.rpcUrl, account: anvil.accounts[0]!, chain: anvil.chain, publicClient: anvil.publicClient as PublicClient }) },
      batcherInit,
    })
  const rpc = async (method: string): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await app!.inject({ method: 'POST', url: '/', payload: { jsonrpc: '2.0', id: 1, method, params: [] } })
    return (JSON.parse(r.body) as { result: unknown }).result
  }

  beforeAll(async () => {
    bed = await batcherTestbed({ name: 'startup', users: 2, maxBatchAgeMs: MAX_AGE_MS, deadlineMarginSeconds: 0 })
    ;({ anvil, d, world, dir, config } = bed)
    seq = await open('await')
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await seq?.stop()
    await bed?.close()
  })

  it('takes and preconfirms a transfer while the batcher is starting, and batches it once ready', async () => {
    for (const u of [0, 1]) {
      const k = world.users[u]!.publicKey
      const fee = await read<bigint>('queueFee')
      const hash = await anvil.walletClients[u + 1]!.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'depositETH', args: [parseEther('1'), 0n, k.x, k.y], value: parseEther('1') + fee } as never)
      await anvil.publicClient.waitForTransactionReceipt({ hash })
    }
    await seq.follower!.poll()
    await seq.submit(world.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 10n, fee: 0n, nonce: 0n }))
    clock += MAX_AGE_MS + 1
    await seq.batcher!.tick()
    expect(seq.batches.get(1)?.status).toBe('committed')
    await seq.stop()

    seq = await open('background')
    app = createRpcServer({ sequencer: seq })
    expect(seq.batcher!.status().phase).toBe('starting')
    expect((await rpc('rollup_status')).batcher).toBe('starting')
    const health = await app.inject({ method: 'GET', url: '/health' })
    expect(health.statusCode).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', batcher: 'starting' })
    // Taken and durable before the batcher is ready.
    const a = await seq.submit(world.sign(1, { type: TX_TYPE.TRANSFER, from: 2n, to: 1n, amount: 3n, fee: 0n, nonce: 0n }))
    expect(a.seq).toBe(2)
    expect(seq.batcher!.status().phase).toBe('starting')
    await expect(seq.batcher!.tick()).rejects.toThrow(/starting/)

    await seq.batcher!.init()
    expect((await rpc('rollup_status')).batcher).toBe('ready')
    clock += MAX_AGE_MS + 1
    await seq.batcher!.tick()
    expect(seq.batches.get(2)).toMatchObject({ status: 'committed', firstSeq: 2, txCount: 1 })
    expect((await read<readonly bigint[]>('heads'))[3]).toBe(2n)
    expect(criticals).toEqual([])
  })
})
