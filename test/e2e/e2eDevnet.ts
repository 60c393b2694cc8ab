import { rmSync } from 'node:fs'
import { formatEther, type Address, type TransactionReceipt } from 'viem'
import { createCounterweightClient, rpcBlobGetter } from '../../bridge/index.ts'
import { devnetOptions, type DevnetOptions } from '../../bridge/devnet/devnetOptions.ts'
import { freePort } from '../../bridge/devnet/freePort.ts'
import { startDevnet, type Devnet } from '../../bridge/devnet/startDevnet.ts'
import { Progress } from '../../bridge/cli/Progress.ts'

/** A devnet for one end-to-end scenario, with SDK clients per anvil dev account. */
export interface E2eDevnet {
  devnet: Devnet
  dataDir: string
  /** An SDK client for anvil dev account `account`, talking to `url` (default: the sequencer). */
  sdk(account: number, url?: string): ReturnType<typeof createCounterweightClient>
  /** Moves L1 time forward by `seconds` and mines a block. */
  advance(seconds: bigint): Promise<void>
  /** ETH the rollup contract holds. */
  rollupBalance(): Promise<bigint>
  balance(address: Address): Promise<bigint>
  /** Stops the devnet and deletes its data folder (kept when `keepLogs`, e.g. after a failure). */
  stop(params?: { keepLogs?: boolean }): Promise<void>
}

/**
 * Starts a devnet with TEST parameters and real Groth16 proofs through the generated verifier
 * (no pre-funded users), on free ports, in `.devnet-e2e-<name>-<pid>`; `extraEnv` adds
 * environment per service (e.g. `{ sequencer: { CW_L1_CONFIRMATIONS: '32' } }`), `anvilArgs`
 * more anvil arguments (e.g. `['--init', genesisPath]`).
 *
 * @example
 * ```ts
 * const e = await startE2eDevnet({ name: 'censorship' })
 * const alice = e.sdk(1)
 * await e.devnet.stop()
 * ```
 */
export async function startE2eDevnet(params: { name: string; extraEnv?: DevnetOptions['extraEnv']; anvilArgs?: readonly string[] }): Promise<E2eDevnet> {
  const dataDir = `.devnet-e2e-${params.name}-${process.pid}`
  const options = devnetOptions({
    dataDir,
    paramsName: 'test',
    realProofs: true,
    users: 0,
    l1Port: await freePort(),
    sequencerPort: await freePort(),
    nodePort: await freePort(),
    ...(params.extraEnv ? { extraEnv: params.extraEnv } : {}),
    ...(params.anvilArgs ? { anvilArgs: params.anvilArgs } : {}),
  })
  const devnet = await startDevnet({ options, progress: new Progress({ mode: 'silent' }) })
  const { anvil, info } = devnet
  return {
    devnet,
    dataDir,
    sdk: (account, url) =>
      createCounterweightClient({
        sequencerUrl: url ?? info.sequencer!.rpcUrl,
        rollup: info.rollup.address,
        chainId: info.l1.chainId,
        l1: anvil.walletClients[account]!,
        fromBlock: BigInt(info.rollup.deploymentBlock),
        blobs: rpcBlobGetter({ url: info.l1.rpcUrl }),
      }),
    advance: async (seconds) => {
      await anvil.testClient.increaseTime({ seconds: Number(seconds) })
      await anvil.testClient.mine({ blocks: 1 })
    },
    rollupBalance: () => anvil.publicClient.getBalance({ address: info.rollup.address }),
    balance: (address) => anvil.publicClient.getBalance({ address }),
    stop: async (p) => {
      await devnet.stop()
      if (!p?.keepLogs) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Gas an L1 transaction cost its sender, in wei.
 *
 * @example
 * ```ts
 * expect(after - before + gasPaid(receipt)).toBe(amount)
 * ```
 */
export function gasPaid(receipt: TransactionReceipt): bigint {
  return receipt.gasUsed * receipt.effectiveGasPrice
}

/**
 * Retries `fn` every second while it throws an error `retry` accepts, up to `attempts` times.
 *
 * @example
 * ```ts
 * await retrying({ fn: () => alice.claimWithdrawal({ ref }), retry: (e) => e instanceof NotClaimableError })
 * ```
 */
export async function retrying<T>(params: { fn: () => Promise<T>; retry: (e: unknown) => boolean; attempts?: number }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await params.fn()
    } catch (e) {
      if (!params.retry(e) || attempt >= (params.attempts ?? 90)) throw e
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
}

/**
 * Formats wei as ETH for the printed figures.
 *
 * @example
 * ```ts
 * eth(10n ** 18n) // '1 ETH'
 * ```
 */
export function eth(wei: bigint): string {
  return `${formatEther(wei)} ETH`
}
