import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseEther, toHex, type Address, type Hex } from 'viem'
import { ensureChunkKeys } from '../../circuits/index.ts'
import { ROLLUP_SETTINGS, counterweightRollupAbi, deployRollup, type RollupDeployment } from '../../l1-contracts/index.ts'
import { deriveL2Key } from '../../protocol/index.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import type { Progress } from '../cli/Progress.ts'
import type { DevnetOptions } from './devnetOptions.ts'
import { devnetServices } from './devnetServices.ts'
import { rpcProbe } from './rpcProbe.ts'
import { ServiceProcess } from './ServiceProcess.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

/** A funded devnet user: an anvil dev account and its L2 key. */
export interface DevnetUser {
  address: Address
  /** L1 private key (anvil's well-known dev keys: never use them on a real network). */
  privateKey: Hex
  l2PublicKey: readonly [string, string]
  /** L2 account index once the deposit was credited by the sequencer. */
  l2Index: string | undefined
}

/** What `startDevnet` brought up; also written to `<dataDir>/devnet.json`. */
export interface DevnetInfo {
  l1: { rpcUrl: string; chainId: number }
  sequencer: { rpcUrl: string; address: Address; l2ChainId: string } | undefined
  node: { rpcUrl: string } | undefined
  prover: { verifier: 'generated' | 'insecure-mock'; zkey: string | undefined } | undefined
  rollup: { address: Address; deploymentBlock: string; verifier: Address; params: DevnetOptions['params'] }
  users: DevnetUser[]
  logs: string
}

/** A running devnet. */
export interface Devnet {
  readonly info: DevnetInfo
  readonly anvil: Anvil
  /** Resolves with a message when a service stops on its own. */
  readonly failed: Promise<string>
  /** Stops every service (graceful, then forced) and anvil. */
  stop(): Promise<void>
  /** A running service by name (e.g. to stop the sequencer alone in a failure scenario). */
  service(name: 'sequencer' | 'node' | 'prover'): ServiceProcess | undefined
}

/**
 * Brings up the whole stack on this machine: anvil from npm, the chunk circuit and its
 * INSECURE development keys (built once, then reused while the circuit sources do not
 * change), the contracts (generated Groth16 verifier, or the INSECURE mock verifier when
 * `realProofs` is false), the sequencer, the node and the prover as child processes, and L2
 * accounts for a few anvil dev accounts (deposits through the L1 queue). Every long step
 * reports to `progress`. The L1 is fresh at each start, so `dataDir` is wiped (the circuit
 * cache lives in `build/`).
 *
 * @example
 * ```ts
 * const devnet = await startDevnet({ options: devnetOptions(), progress: new Progress({ mode: 'lines' }) })
 * console.log(devnet.info.sequencer?.rpcUrl)
 * await devnet.stop()
 * ```
 */
export async function startDevnet(params: { options: DevnetOptions; progress: Progress }): Promise<Devnet> {
  const { options: o, progress } = params
  const dataDir = resolve(ROOT, o.dataDir)
  rmSync(dataDir, { recursive: true, force: true })
  const logs = join(dataDir, 'logs')
  mkdirSync(logs, { recursive: true })

  const services: ServiceProcess[] = []
  let anvil: Anvil | undefined
  const stopAll = async (): Promise<void> => {
    for (const s of [...services].reverse()) await s.stop().catch(() => {})
    await anvil?.stop()
  }
  try {
    anvil = await progress.run(
      `L1: anvil on port ${o.l1Port}`,
      () => startAnvil({ port: o.l1Port, blockTime: o.blockTime, hardfork: 'prague', accounts: 10, ...(o.anvilArgs ? { args: o.anvilArgs } : {}) }),
      (a) => `${a.rpcUrl}, chain id ${a.chain.id}, ${o.blockTime}-second blocks`,
    )
    const l1 = anvil
    const keys = o.realProofs
      ? await progress.run(
          `circuit: chunk circuit and INSECURE development keys (${o.paramsName} parameters)`,
          (step) => ensureChunkKeys({ params: o.params, log: (line) => step.update(line) }),
          (k) => `${k.name} (cached in build/circuits/${k.name}/dev)`,
        )
      : undefined
    const deployment: RollupDeployment = await progress.run(
      'L1: compile and deploy the rollup contracts',
      () =>
        deployRollup({
          walletClient: l1.walletClient,
          publicClient: l1.publicClient,
          params: o.params,
          // The deployer is the sequencer: it posts the bond that lets it commit batches.
          bond: ROLLUP_SETTINGS.devnet.minBond,
          verifier: keys ? { kind: 'generated', solPath: keys.verifier } : { kind: 'insecure-mock' },
        }),
      (d) => `rollup ${d.rollup}, ${d.verifierKind} verifier ${d.verifier}`,
    )

    const plan = devnetServices({ options: o, anvil: l1, deployment, keys, dataDir })
    const info: DevnetInfo = {
      l1: { rpcUrl: l1.rpcUrl, chainId: l1.chain.id },
      sequencer: undefined,
      node: undefined,
      prover: undefined,
      rollup: { address: deployment.rollup, deploymentBlock: deployment.blockNumber.toString(), verifier: deployment.verifier, params: o.params },
      users: [],
      logs,
    }
    let failed: (message: string) => void = () => {}
    const failedPromise = new Promise<string>((r) => (failed = r))
    for (const svc of plan) {
      if (!existsSync(join(ROOT, svc.entry))) {
        progress.log(`  (${svc.name}: ${svc.entry} is not in this build; skipped)`)
        continue
      }
      const p = ServiceProcess.start({ name: svc.name, entry: svc.entry, ...(svc.nodeFlags ? { nodeFlags: svc.nodeFlags } : {}), env: svc.env, logFile: join(logs, `${svc.name}.log`), probe: svc.probe })
      services.push(p)
      p.onUnexpectedExit((code) => failed(`${svc.name} exited with code ${code}; its log ends with:\n${p.tail()}`))
      await progress.run(`${svc.name}: start`, () => p.ready, () => svc.summary)
      if (svc.name === 'sequencer') info.sequencer = { rpcUrl: svc.url!, address: plan.sequencerAddress, l2ChainId: o.l2ChainId.toString() }
      if (svc.name === 'node') info.node = { rpcUrl: svc.url! }
      if (svc.name === 'prover') info.prover = { verifier: keys ? 'generated' : 'insecure-mock', zkey: keys?.zkey }
    }

    if (o.users > 0) {
      info.users = await progress.run(`L1: deposit ${o.fundEther} ETH for ${o.users} users`, (step) => fundUsers({ anvil: l1, deployment, options: o, sequencerUrl: info.sequencer?.rpcUrl, update: (d) => step.update(d) }), (u) =>
        u.every((x) => x.l2Index !== undefined) ? `credited on L2 (accounts ${u.map((x) => x.l2Index).join(', ')})` : 'deposited on L1; not yet credited on L2',
      )
    }
    writeFileSync(join(dataDir, 'devnet.json'), `${JSON.stringify(info, null, 2)}\n`)
    return { info, anvil: l1, failed: failedPromise, stop: stopAll, service: (name) => services.find((s) => s.name === name) }
  } catch (e) {
    await stopAll()
    throw e
  }
}

async function fundUsers(params: { anvil: Anvil; deployment: RollupDeployment; options: DevnetOptions; sequencerUrl: string | undefined; update: (detail: string) => void }): Promise<DevnetUser[]> {
  const { anvil, deployment, options } = params
  const users: DevnetUser[] = []
  const amount = parseEther(options.fundEther)
  for (let i = 1; i <= options.users; i++) {
    const account = anvil.accounts[i]!
    const wallet = anvil.walletClients[i]!
    const key = await deriveL2Key({ account: { signTypedData: (td) => wallet.signTypedData(td as never) }, chainId: deployment.chainId, rollupAddress: deployment.rollup })
    const fee = await anvil.publicClient.readContract({ address: deployment.rollup, abi: counterweightRollupAbi, functionName: 'queueFee' })
    const hash = await wallet.writeContract({
      address: deployment.rollup,
      abi: counterweightRollupAbi,
      functionName: 'depositETH',
      args: [amount, 0n, key.publicKey.x, key.publicKey.y],
      value: amount + fee,
    })
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`the deposit of ${account.address} reverted (tx ${hash})`)
    params.update(`deposited for ${account.address}`)
    users.push({ address: account.address, privateKey: toHex(account.getHdKey().privateKey!), l2PublicKey: [toHex(key.publicKey.x), toHex(key.publicKey.y)], l2Index: undefined })
  }
  if (!params.sequencerUrl) return users
  // The sequencer credits deposits once its L1 follower sees them with enough confirmations.
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline && users.some((u) => u.l2Index === undefined)) {
    for (const u of users) {
      if (u.l2Index !== undefined) continue
      const accounts = (await rpcProbe({ url: params.sequencerUrl, method: 'rollup_getAccountsByOwner', params: [u.address] })) as { index: string }[] | undefined
      if (accounts && accounts.length > 0) u.l2Index = BigInt(accounts[0]!.index).toString()
    }
    params.update(`${users.filter((u) => u.l2Index !== undefined).length}/${users.length} credited on L2`)
    if (users.some((u) => u.l2Index === undefined)) await new Promise((r) => setTimeout(r, 500))
  }
  return users
}
