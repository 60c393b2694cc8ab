import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { decodeEventLog, parseEther, type Address, type Hex } from 'viem'
import { devnetOptions } from '../../bridge/devnet/devnetOptions.ts'
import { devnetServices } from '../../bridge/devnet/devnetServices.ts'
import { freePort } from '../../bridge/devnet/freePort.ts'
import { rpcProbe } from '../../bridge/devnet/rpcProbe.ts'
import { createCounterweightClient, depositEth, deriveWalletL2Key, transfer, waitForAccount, type L2TransactionResult } from '../../bridge/sdk/index.ts'
import { ROLLUP_SETTINGS, counterweightRollupAbi, deployRollup, type RollupDeployment } from '../../l1-contracts/index.ts'
import type { L2Key } from '../../protocol/index.ts'
import { startAnvil, type Anvil } from '../harness/anvil.ts'
import { SEQUENCER_NODE_FLAGS } from '../../sequencer/nodeFlags.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** An L2 user of the rig: anvil dev account `i`, its L2 key and account index. */
export interface RigUser {
  address: Address
  key: L2Key
  index: bigint
}

/** One `BatchCommitted` event as read from L1. */
export interface CommittedBatch {
  batch: bigint
  calldataDA: boolean
  txHash: Hex
  blockNumber: bigint
}

/**
 * End-to-end test support: anvil (prague, real blobs), the rollup contracts with the INSECURE
 * mock verifier and TEST parameters, and the sequencer (`sequencer/main.ts`, with its L1
 * follower, batcher and L1 transaction manager; `warmSequencerChild.ts`) as a child process that the test can kill with
 * SIGKILL and start again on the same store (`CW_E2E_KEEP=1` keeps its folder and logs). The environment is the devnet's
 * (`devnetServices`), with `env` overrides.
 *
 * @example
 * ```ts
 * const rig = await startSequencerRig({ env: { CW_L1_CONFIRMATIONS: '2' } })
 * await rig.startSequencer()
 * const [alice] = await rig.depositUsers({ count: 1, ether: '1' })
 * rig.kill(); await rig.stop()
 * ```
 */
export async function startSequencerRig(params: { env?: Record<string, string>; blockTime?: number; anvilArgs?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-'))
  mkdirSync(join(dir, 'logs'))
  const anvil: Anvil = await startAnvil({ blockTime: params.blockTime, hardfork: 'prague', args: params.anvilArgs })
  const deployment: RollupDeployment = await deployRollup({
    walletClient: anvil.walletClient,
    publicClient: anvil.publicClient,
    params: devnetOptions({ paramsName: 'test' }).params,
    bond: ROLLUP_SETTINGS.devnet.minBond,
    verifier: { kind: 'insecure-mock' },
  })
  const options = devnetOptions({ paramsName: 'test', realProofs: false, users: 0, startNode: false, startProver: false, dataDir: dir, l1Port: anvil.port, sequencerPort: await freePort(), nodePort: await freePort() })
  const plan = devnetServices({ options, anvil, deployment, keys: undefined, dataDir: dir })
  const env = { ...plan[0]!.env, CW_L1_POLL_MS: '200', CW_L1_POLL_INTERVAL_MS: '200', CW_BATCH_MAX_AGE_MS: '1500', ...params.env }
  const url = `http://127.0.0.1:${options.sequencerPort}`
  const log = createWriteStream(join(dir, 'logs', 'sequencer.log'), { flags: 'a' })
  let child: ChildProcess | undefined
  let exitInfo = 'sequencer running'
  let spare: { proc: ChildProcess; warm: Promise<void> } | undefined
  const spawnWarm = (): { proc: ChildProcess; warm: Promise<void> } => {
    const proc = spawn(process.execPath, [...SEQUENCER_NODE_FLAGS, '--import', 'tsx', join(import.meta.dirname, 'warmSequencerChild.ts')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    const warm = new Promise<void>((done, fail) => {
      const onData = (d: Buffer): void => {
        out += d.toString()
        if (out.includes('WARM\n')) {
          proc.stdout!.off('data', onData)
          proc.stdout!.pipe(log, { end: false })
          done()
        }
      }
      proc.stdout!.on('data', onData)
      proc.once('exit', (code) => fail(new Error(`warm sequencer exited with ${code} before GO`)))
    })
    warm.catch(() => {})
    proc.stderr!.pipe(log, { end: false })
    return { proc, warm }
  }
  let exited: Promise<number | null> = Promise.resolve(null)
  const client = createCounterweightClient({ sequencerUrl: url, rollup: deployment.rollup, chainId: BigInt(anvil.chain.id), l1: anvil.publicClient, fromBlock: deployment.blockNumber, http: { timeout: 60_000 } })

  const rig = {
    anvil,
    deployment,
    dir,
    url,
    client,
    sequencerAddress: plan.sequencerAddress,
    /**
     * Starts the sequencer (`sequencer/main.ts` through a warm child: the next one is loaded
     * in the background while this one runs) and waits until it answers JSON-RPC.
     */
    async startSequencer(): Promise<void> {
      const proc = (spare ?? spawnWarm()).proc
      const warm = (spare ?? { warm: Promise.resolve() }).warm
      spare = undefined
      child = proc
      exited = new Promise((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) done(proc.exitCode)
        else
          proc.once('exit', (code, signal) => {
            exitInfo = `sequencer pid ${proc.pid} exited: code ${code}, signal ${signal}`
            done(code)
          })
      })
      await warm
      proc.stdin!.write('GO\n')
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`sequencer exited with ${proc.exitCode} while starting; its log ends with:\n${rig.logTail()}`)
        if ((await rpcProbe({ url, method: 'eth_chainId' }).catch(() => undefined)) !== undefined) break
        await new Promise((r) => setTimeout(r, 100))
      }
      spare = spawnWarm()
    },
    /** One JSON-RPC call to the sequencer; throws with the error (and the log's end) when it fails. */
    async rpc(method: string, rpcParams: unknown[] = []): Promise<unknown> {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: rpcParams }), signal: AbortSignal.timeout(30_000) })
        const body = (await res.json()) as { result?: unknown; error?: unknown }
        if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`)
        return body.result
      } catch (e) {
        throw new Error(`${method} failed: ${String(e)}\nsequencer log ends with:\n${rig.logTail()}`)
      }
    },
    /** Many calls of one method in JSON-RPC batches of 100; results in the order of `paramsList`. */
    async rpcMany(method: string, paramsList: unknown[][]): Promise<unknown[]> {
      const out: unknown[] = []
      for (let i = 0; i < paramsList.length; i += 100) {
        const body = paramsList.slice(i, i + 100).map((p, id) => ({ jsonrpc: '2.0', id, method, params: p }))
        const answer = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) })).json()) as unknown
        if (!Array.isArray(answer)) throw new Error(`${method}: a batch of ${body.length} calls was answered with ${JSON.stringify(answer).slice(0, 300)}`)
        const res = answer as { id: number; result?: unknown; error?: unknown }[]
        const byId = new Map(res.map((r) => [r.id, r]))
        for (let id = 0; id < body.length; id++) {
          const r = byId.get(id)
          if (!r || r.error) throw new Error(`${method}${JSON.stringify(body[id]!.params)}: ${JSON.stringify(r?.error)}`)
          out.push(r.result)
        }
      }
      return out
    },
    /** The last lines of the sequencer's log. */
    logTail(lines = 30): string {
      try {
        return exitInfo + '\n' + readFileSync(join(dir, 'logs', 'sequencer.log'), 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
      } catch {
        return ''
      }
    },
    /** The exit code once the sequencer stops on its own (or is killed). */
    exited: (): Promise<number | null> => exited,
    /** SIGKILL, and waits for the exit. */
    async kill(): Promise<void> {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL')
        await exited
      }
    },
    /** An L2 transfer of `amount` wei from `from` to account `to` (fee 0), its preconfirmation checked. */
    transfer(p: { from: RigUser; to: bigint; amount: bigint }): Promise<L2TransactionResult> {
      return transfer(client, { rollup: deployment.rollup, chainId: BigInt(anvil.chain.id), key: p.from.key, from: p.from.index, to: p.to, amount: p.amount, fee: 0n, sequencerAddress: plan.sequencerAddress })
    },
    /** Deposits `ether` for anvil dev accounts 1..count and waits until the sequencer credits each. */
    async depositUsers(p: { count: number; ether: string; first?: number }): Promise<RigUser[]> {
      const users: RigUser[] = []
      for (let i = p.first ?? 1; i < (p.first ?? 1) + p.count; i++) {
        const wallet = anvil.walletClients[i]!
        const key = await deriveWalletL2Key(wallet, { rollup: deployment.rollup, chainId: BigInt(anvil.chain.id) })
        await depositEth(wallet, { rollup: deployment.rollup, chainId: BigInt(anvil.chain.id), amount: parseEther(p.ether), key })
        users.push({ address: wallet.account.address, key, index: 0n })
      }
      for (const u of users) {
        const account = await waitForAccount(client, { owner: u.address, publicKey: u.key.publicKey, timeoutMs: 60_000 }).catch((e: unknown) => {
          throw new Error(`deposit of ${u.address} not credited: ${String(e)}\nsequencer log ends with:\n${rig.logTail()}`)
        })
        u.index = account.index
      }
      return users
    },
    /** Every `BatchCommitted` event of the rollup so far, in log order. */
    async committedBatches(): Promise<CommittedBatch[]> {
      const logs = await anvil.publicClient.getLogs({ address: deployment.rollup, fromBlock: deployment.blockNumber, toBlock: 'latest' })
      const out: CommittedBatch[] = []
      for (const l of logs) {
        try {
          const ev = decodeEventLog({ abi: counterweightRollupAbi, data: l.data, topics: l.topics })
          if (ev.eventName !== 'BatchCommitted') continue
          const args = ev.args as { batch: bigint; calldataDA: boolean }
          out.push({ batch: args.batch, calldataDA: args.calldataDA, txHash: l.transactionHash!, blockNumber: l.blockNumber! })
        } catch {
          // another contract's event shape: not a batch commit
        }
      }
      return out
    },
    /** Kills the sequencer and anvil, removes the data folder. */
    async stop(): Promise<void> {
      await rig.kill()
      spare?.proc.kill('SIGKILL')
      await new Promise<void>((done) => log.end(done))
      await anvil.stop()
      if (!process.env.CW_E2E_KEEP) rmSync(dir, { recursive: true, force: true })
    },
  }
  return rig
}

/** A running rig (see {@link startSequencerRig}). @example let rig: SequencerRig */
export type SequencerRig = Awaited<ReturnType<typeof startSequencerRig>>
