/**
 * Take-over on anvil (INSECURE mock verifier and mock proofs): with the sequencer gone, a node
 * operator consumes an overdue forced withdrawal in one `commitAndProve` with no help from the
 * sequencer: it refuses before the inclusion delay, proves and finalizes the sequencer's
 * pending batch first, builds the queue-only batch from L1 data, and the user's withdrawal is
 * paid by `claimExit`; a fresh node agrees with the result. Then an unprovable (bad) pending
 * batch blocks the take-over until its proof window ends, after which the take-over transaction
 * (calldata this time) reverts it and consumes the entry itself.
 */
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLLUP_SETTINGS, chunkClaims, counterweightRollupAbi, exitClaimArgs } from '../../l1-contracts/index.ts'
import { QUEUE_KIND } from '../../protocol/index.ts'
import { createNode, getStateRoot, rpcBlobSource, type RollupNode } from '../../sequencer/node/index.ts'
import { RollupDriver } from '../../sequencer/node/testing/rollupDriver.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { TakeOverError } from '../errors.ts'
import { insecureMockProofSystem } from '../l1/proofSystem.ts'
import { rollupContract } from '../l1/rollupContract.ts'
import { takeOver, type TakeOverProgress } from './takeOver.ts'

describe('take-over (anvil, mock verifier)', () => {
  let anvil: Anvil
  let driver: RollupDriver
  const nodes: RollupNode[] = []
  const OPERATOR = 8

  beforeAll(async () => {
    anvil = await startAnvil()
    driver = await RollupDriver.create({ anvil, users: 2 })
  }, 120_000)

  afterAll(async () => {
    for (const n of nodes) await n.close()
    await anvil?.stop()
  })

  const freshNode = async (): Promise<RollupNode> => {
    const node = await createNode({ client: anvil.publicClient as never, rollup: driver.rollup, fromBlock: driver.d.blockNumber, storePath: ':memory:', blobs: rpcBlobSource({ client: anvil.publicClient }), options: { confirmations: 0n } })
    nodes.push(node)
    return node
  }
  const advance = async (seconds: bigint) => {
    await anvil.testClient.increaseTime({ seconds: Number(seconds) })
    await anvil.testClient.mine({ blocks: 1 })
  }
  const rollup = () => rollupContract({ publicClient: anvil.publicClient, address: driver.rollup })
  const run = async (node: RollupNode, da: 'blob' | 'calldata', progress: TakeOverProgress[] = []) =>
    takeOver({ node, publicClient: anvil.publicClient, walletClient: anvil.walletClients[OPERATOR]!, rollup: driver.rollup, system: insecureMockProofSystem(), da, onProgress: (p) => progress.push(p) })

  it('consumes an overdue forced withdrawal without the sequencer, after proving its pending batch; the user claims it on L1', async () => {
    const alice = driver.users[0]!
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('1') })
    const b1 = await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'blob' })
    await driver.proveAndFinalize(b1.number)
    const aliceIndex = [...driver.state.allAccounts()].find(([, a]) => a.owner === BigInt(alice.address))![0]
    // the sequencer commits one more batch, then disappears without proving it
    await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('0.5') })
    const pending = await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'calldata' })
    const withdrawal = await driver.queue({ kind: 'forcedWithdraw', user: 0, from: aliceIndex, amount: parseEther('0.3') })
    expect(withdrawal.kind).toBe(QUEUE_KIND.FORCED_WITHDRAW)

    const node = await freshNode()
    // the deposit the pending batch consumed is not finalized, but not overdue yet either
    const early = await run(node, 'blob').catch((e: unknown) => e)
    expect(early).toBeInstanceOf(TakeOverError)
    expect((early as TakeOverError).reason).toBe('NOT_OVERDUE')
    expect((early as Error).message).toMatch(/after L1 time \d+/)

    await advance(ROLLUP_SETTINGS.test.inclusionDelay + 1n)
    const progress: TakeOverProgress[] = []
    const r = await run(node, 'blob', progress)
    expect(r.finalizedPending).toEqual([pending.number])
    expect(r.revertedFrom).toBeUndefined()
    expect(r.batch).toBe(pending.number + 1n)
    expect(r.chunks).toHaveLength(1)
    expect([r.queueStart, r.queueEnd]).toEqual([pending.queueEnd, pending.queueEnd + 1n])
    expect(progress.map((p) => p.stage)).toEqual(['check', 'pending', 'pending', 'build', 'prove', 'prove', 'send', 'done'])

    const h = await rollup().heads()
    expect([h.finalizedBatches, h.finalizedQueue, h.queueLength]).toEqual([r.batch, r.queueEnd, r.queueEnd])
    expect(await rollup().read('lastFinalizedStateRoot')).toBe(r.chunks[0]!.newStateRoot)
    const [exit] = r.chunks[0]!.exits
    expect(exit).toMatchObject({ position: 0, recipient: BigInt(alice.address), tokenId: 0n, amount: parseEther('0.3') })

    // anyone claims it for alice; she is paid once
    const before = await anvil.publicClient.getBalance({ address: alice.address })
    const hash = await anvil.walletClients[9]!.writeContract({ address: driver.rollup, abi: counterweightRollupAbi, functionName: 'claimExit', args: exitClaimArgs({ chunk: r.chunks[0]!, batch: r.batch!, chunkIndex: 0n, position: 0 }) })
    expect((await anvil.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
    expect(await anvil.publicClient.getBalance({ address: alice.address })).toBe(before + parseEther('0.3'))

    // the take-over batch is ordinary L1 data: a fresh node rebuilds the same root from it
    const other = await freshNode()
    await other.sync()
    expect(getStateRoot(other).root).toBe(r.chunks[0]!.newStateRoot)
    expect(getStateRoot(other).batch).toBe(r.batch)
  }, 120_000)

  it('waits for an unprovable pending batch to expire, then reverts it and consumes the entry itself (calldata)', async () => {
    // the sequencer (whose view predates the take-over) is back briefly: it re-syncs nothing and
    // commits a batch with a wrong root on top of L1's last batch
    const node = await freshNode()
    await node.sync()
    const h0 = await rollup().heads()
    const entry = await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('0.2') })
    driver.state = node.context.state.head.fork()
    driver.consumed = h0.committedQueue
    const bad = driver.buildChunks({ txs: [] })
    const claims = chunkClaims({ chunks: bad.chunks, queueStart: bad.queueStart })
    claims[0] = { ...claims[0]!, newStateRoot: claims[0]!.newStateRoot + 1n }
    const badBatch = await driver.commit({ built: bad, da: 'blob', claims })
    expect(badBatch.number).toBe(h0.committedBatches + 1n)
    expect(entry.kind).toBe(QUEUE_KIND.DEPOSIT)

    await advance(ROLLUP_SETTINGS.test.inclusionDelay + 1n)
    const refused = await run(node, 'calldata').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(TakeOverError)
    expect((refused as TakeOverError).reason).toBe('PENDING_BATCH')
    expect((refused as Error).message).toMatch(new RegExp(`batch ${badBatch.number} is committed and not proven.*rejected`))

    await advance(ROLLUP_SETTINGS.test.proofWindow)
    const r = await run(node, 'calldata')
    expect(r.revertedFrom).toBe(badBatch.number)
    expect(r.batch).toBe(badBatch.number)
    expect(r.da).toBe('calldata')
    const h = await rollup().heads()
    expect([h.finalizedBatches, h.committedBatches, h.finalizedQueue]).toEqual([r.batch, r.batch, h.queueLength])
    expect(await rollup().read('lastFinalizedStateRoot')).toBe(r.chunks.at(-1)!.newStateRoot)
    // the deposit was credited: a new account for user 1's second deposit
    expect(r.chunks[0]!.queueOutcomes[0]!.status).toBe('applied')
  }, 120_000)
})
