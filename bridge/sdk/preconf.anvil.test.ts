/**
 * Holding the sequencer to its preconfirmations with the SDK and a node only (anvil, INSECURE
 * mock verifier; batches committed by the test sequencer of sequencer/node/testing/
 * rollupDriver.ts, which signs preconfirmations with the rollup's sequencer key): an honest
 * batch leaves every preconfirmation `honoured`; a batch holding another transaction at a
 * preconfirmed number is `reordered`, slashable once finalized, and a third party slashes it
 * (the bond drops, the reporter is owed half, a second claim is refused); a promise left
 * uncommitted past its deadline is `pending` then `missed` and slashed; forged and
 * wrong-chain preconfirmations are `invalid`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createPublicClient, http, parseEther, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterweightRollupAbi } from '../../l1-contracts/index.ts'
import { TX_TYPE, txHash, type SignedL2Tx } from '../../protocol/index.ts'
import { groupPreconfirmation, signPreconfirmationGroup, type GroupEntry, type PreconfirmationJson, type SignedPreconfirmation, type TxListOpeningResultJson } from '../../sequencer/index.ts'
import { createNode, createNodeRpcServer, type RollupNode } from '../../sequencer/node/index.ts'
import { RollupDriver } from '../../sequencer/node/testing/rollupDriver.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { runCli } from '../cli/counterweight.ts'
import { EXIT } from '../cli/CliError.ts'
import { checkPreconfirmation, preconfirmationSlashCall, slashPreconfirmation } from './index.ts'
import { L1RevertedError, NotSlashableError } from './errors/index.ts'
import type { SequencerClient } from './client/types.ts'

let anvil: Anvil
let driver: RollupDriver
let node: RollupNode
let server: FastifyInstance
let nodeClient: ReturnType<typeof createPublicClient>
let dir: string
let nodeUrl: string

beforeAll(async () => {
  anvil = await startAnvil()
  driver = await RollupDriver.create({ anvil, users: 2 })
  dir = mkdtempSync(join(tmpdir(), 'cw-preconf-'))
  node = await createNode({ client: anvil.publicClient, rollup: driver.rollup, fromBlock: driver.d.blockNumber, storePath: join(dir, 'node.sqlite'), blobs: [], kzg: false, options: { confirmations: 0n } })
  server = createNodeRpcServer({ node, rateLimit: { callsPerSecond: 0, burst: 1 } })
  await server.listen({ host: '127.0.0.1', port: 0 })
  const { port } = server.server.address() as { port: number }
  nodeUrl = `http://127.0.0.1:${port}`
  nodeClient = createPublicClient({ transport: http(nodeUrl) })
}, 120_000)
afterAll(async () => {
  await server?.close()
  await node?.close()
  await anvil?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const chainId = () => BigInt(driver.d.chainId)
const sequencerKey = () => anvil.accounts[0]!.getHdKey().privateKey!
const hashOf = (s: SignedL2Tx): Hex => `0x${txHash({ tx: s.tx, domain: driver.d.domain }).toString(16).padStart(64, '0')}`
const now = async () => (await anvil.publicClient.getBlock()).timestamp
const toJson = (p: SignedPreconfirmation, sequencer: Hex): PreconfirmationJson => {
  const q = (v: bigint): Hex => `0x${v.toString(16)}`
  return { sequence: q(p.sequence), txHash: p.txHash, l1Deadline: q(p.l1Deadline), firstSequence: q(p.firstSequence), count: q(p.count), root: p.root, proof: p.proof, chainId: q(p.chainId), rollup: p.rollup, sequencer, signature: p.signature }
}
/** The sequencer's (or another key's) preconfirmations of `entries`, signed as one group. */
const preconfirm = (entries: GroupEntry[], opts: { key?: Uint8Array; chainId?: bigint } = {}): PreconfirmationJson[] => {
  const cid = opts.chainId ?? chainId()
  const group = signPreconfirmationGroup({ privateKey: opts.key ?? sequencerKey(), chainId: cid, rollup: driver.rollup, entries })
  return entries.map((entry) => toJson(groupPreconfirmation({ group, chainId: cid, rollup: driver.rollup, entry }), driver.d.sequencer))
}
const entry = (sequence: bigint, hash: Hex, l1Deadline: bigint): GroupEntry => ({ sequence: Number(sequence), txHash: Buffer.from(hash.slice(2), 'hex'), l1Deadline: Number(l1Deadline) })
/** The third party's view: the SDK with an L1 public client and the node. */
const check = (preconfirmation: PreconfirmationJson) => checkPreconfirmation(anvil.publicClient, { preconfirmation, node: nodeClient, rollup: driver.rollup, chainId: chainId() })
const read = <T>(functionName: 'bondOf' | 'owed', args: readonly unknown[]) => anvil.publicClient.readContract({ address: driver.rollup, abi: counterweightRollupAbi, functionName, args: args as never }) as Promise<T>

/** `counterweight preconf check <file> --json [...]` as a user runs it; its exit code and parsed output. */
const cli = async (pres: PreconfirmationJson | PreconfirmationJson[], extra: string[] = [], env: Record<string, string> = {}) => {
  const file = join(dir, `pre-${Math.random().toString(16).slice(2)}.json`)
  writeFileSync(file, JSON.stringify(pres))
  let out = ''
  const code = await runCli({
    argv: ['preconf', 'check', file, '--node', nodeUrl, '--json', ...extra],
    env: { CW_ROLLUP_ADDRESS: driver.rollup, CW_L1_RPC_URL: anvil.rpcUrl, CW_CHAIN_ID: String(driver.d.chainId), CW_DEVNET_FILE: join(dir, 'none.json'), ...env },
    stdout: (t) => (out += t),
    stderr: { write: () => true } as unknown as NodeJS.WritableStream,
  })
  return { code, out: JSON.parse(out) }
}

let nonce0 = 0n
let nonce1 = 0n
const transfer = (user: 0 | 1, amount: bigint): SignedL2Tx =>
  driver.world.sign(user, { type: TX_TYPE.TRANSFER, from: user === 0 ? 1n : 2n, to: user === 0 ? 2n : 1n, amount, fee: 0n, nonce: user === 0 ? nonce0++ : nonce1++ })

describe('preconfirmations checked and enforced with the SDK and a node', () => {
  it('an honest batch: every preconfirmation is honoured, none slashable', async () => {
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('1') })
    await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('1') })
    await driver.proveAndFinalize((await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'calldata' })).number)
    const txs = [transfer(0, 1000n), transfer(1, 2000n), transfer(0, 3000n)]
    const deadline = (await now()) + 3600n
    const first = driver.seq
    const pres = preconfirm(txs.map((t, i) => entry(first + BigInt(i), hashOf(t), deadline)))
    await node.sync()
    for (const p of pres) expect((await check(p)).verdict).toBe('pending')
    await driver.proveAndFinalize((await driver.commit({ built: driver.buildChunks({ txs }), da: 'calldata' })).number)
    await node.sync()
    for (const p of pres) {
      const c = await check(p)
      expect(c.verdict, c.reason).toBe('honoured')
      expect(c.slashable).toBe(false)
      expect(() => preconfirmationSlashCall({ check: c })).toThrow(NotSlashableError)
    }
    const viaCli = await cli(pres)
    expect(viaCli.code).toBe(EXIT.OK)
    expect(viaCli.out.map((r: { verdict: string }) => r.verdict)).toEqual(['honoured', 'honoured', 'honoured'])
  })

  it('forged and wrong-chain preconfirmations are invalid', async () => {
    const t = transfer(0, 1n)
    nonce0-- // not sent
    const deadline = (await now()) + 3600n
    const [forged] = preconfirm([entry(driver.seq, hashOf(t), deadline)], { key: anvil.accounts[4]!.getHdKey().privateKey! })
    expect(await check(forged!)).toMatchObject({ verdict: 'invalid', slashable: false })
    const [otherChain] = preconfirm([entry(driver.seq, hashOf(t), deadline)], { chainId: chainId() + 1n })
    expect((await check(otherChain!)).verdict).toBe('invalid')
    const [tampered] = preconfirm([entry(driver.seq, hashOf(t), deadline)])
    expect((await check({ ...tampered!, l1Deadline: `0x${(deadline + 1n).toString(16)}` })).verdict).toBe('invalid')
  })

  it('a reordered preconfirmation: detected, slashable once finalized, slashed once by a third party', async () => {
    const a = transfer(0, 111n)
    const b = transfer(1, 222n)
    const seq = driver.seq
    const [preA] = preconfirm([entry(seq, hashOf(a), (await now()) + 3600n)])
    // The sequencer puts b at the number it promised to a.
    const batch = await driver.commit({ built: driver.buildChunks({ txs: [b, a] }), da: 'calldata' })
    await node.sync()
    const early = await check(preA!)
    expect(early.verdict, early.reason).toBe('reordered')
    expect(early.slashable).toBe(false)
    expect(early.opening!.txHash).toBe(BigInt(hashOf(b)))
    // A node lying that the batch holds a's transaction there is caught against L1's commitment.
    const liar: SequencerClient = {
      request: async (args) => {
        const r = (await nodeClient.request(args as never)) as TxListOpeningResultJson
        return { ...r, opening: { ...r.opening!, txHash: preA!.txHash } }
      },
    }
    const lied = await checkPreconfirmation(anvil.publicClient, { preconfirmation: preA!, node: liar, rollup: driver.rollup, chainId: chainId() })
    expect(lied.verdict, lied.reason).toBe('pending')
    expect(lied.reason).toMatch(/does not match what L1 committed/)
    await driver.proveAndFinalize(batch.number)
    await node.sync()
    const c = await check(preA!)
    expect([c.verdict, c.slashable]).toEqual(['reordered', true])

    const reporter = anvil.walletClients[5]!
    const bondBefore = await read<bigint>('bondOf', [driver.d.sequencer])
    const owedBefore = await read<bigint>('owed', [reporter.account.address, 0n])
    const r = await slashPreconfirmation(reporter, { rollup: driver.rollup, chainId: chainId(), check: c })
    expect(r.reason).toBe('reordered')
    expect(r.amount).toBeGreaterThan(0n)
    expect(await read<bigint>('bondOf', [driver.d.sequencer])).toBe(bondBefore - r.amount)
    expect(await read<bigint>('owed', [reporter.account.address, 0n])).toBe(owedBefore + r.amount / 2n)
    const again = slashPreconfirmation(anvil.walletClients[6]!, { rollup: driver.rollup, check: c })
    await expect(again).rejects.toBeInstanceOf(L1RevertedError)
    await expect(again).rejects.toMatchObject({ errorName: 'AlreadySlashed' })
  })

  it('a preconfirmation left uncommitted: pending until its deadline, then missed and slashed', async () => {
    const top = await anvil.walletClient.writeContract({ address: driver.rollup, abi: counterweightRollupAbi, functionName: 'depositBond', value: parseEther('1') })
    await anvil.publicClient.waitForTransactionReceipt({ hash: top })
    const t = transfer(0, 5n)
    const deadline = (await now()) + 600n
    const [pre] = preconfirm([entry(driver.seq, hashOf(t), deadline)])
    await node.sync()
    const pending = await check(pre!)
    expect([pending.verdict, pending.slashable]).toEqual(['pending', false])
    await anvil.testClient.setNextBlockTimestamp({ timestamp: deadline + 1n })
    await anvil.testClient.mine({ blocks: 1 })
    await node.sync()
    const c = await check(pre!)
    expect([c.verdict, c.slashable], c.reason).toEqual(['missed', true])
    // The reporter uses the CLI: `preconf check <file> --slash` with its own key.
    const reporter = anvil.walletClients[7]!
    const key = `0x${Buffer.from(anvil.accounts[7]!.getHdKey().privateKey!).toString('hex')}`
    const bondBefore = await read<bigint>('bondOf', [driver.d.sequencer])
    const { code, out } = await cli(pre!, ['--slash'], { CW_PRIVATE_KEY: key })
    expect(code).toBe(EXIT.OK)
    expect(out).toMatchObject({ verdict: 'missed', slashable: true })
    const amount = BigInt(out.slashed.amount)
    expect(amount).toBeGreaterThan(0n)
    expect(await read<bigint>('bondOf', [driver.d.sequencer])).toBe(bondBefore - amount)
    expect(await read<bigint>('owed', [reporter.account.address, 0n])).toBe(amount / 2n)
    await expect(slashPreconfirmation(reporter, { rollup: driver.rollup, check: c })).rejects.toMatchObject({ errorName: 'AlreadySlashed' })
    const again = await cli(pre!, ['--slash'], { CW_PRIVATE_KEY: key })
    expect(again.code).toBe(EXIT.FAILED)
    expect(again.out.error.message).toMatch(/AlreadySlashed/)
  })
})
