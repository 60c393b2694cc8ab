import { formatEther, type Address, type TransactionReceipt } from 'viem'
import { createCounterweightClient, rpcBlobGetter } from '../../bridge/index.ts'
import type { DevnetOptions } from '../../bridge/devnet/devnetOptions.ts'
import { startE2eDevnet as startDevnetForScenario } from './support/startE2eDevnet.ts'

type ScenarioDevnet = Awaited<ReturnType<typeof startDevnetForScenario>>

/** A devnet for one end-to-end scenario, with SDK clients per anvil dev account. */
export interface E2eDevnet {
  devnet: ScenarioDevnet
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
 * The scenario devnet of `support/startE2eDevnet.ts` with TEST parameters, real Groth16 proofs
 * through the generated verifier and a node, plus SDK clients per anvil dev account and L1 time
 * travel; `extraEnv` adds environment per service (e.g. `{ sequencer: { CW_L1_CONFIRMATIONS: '32' } }`),
 * `anvilArgs` more anvil arguments (e.g. `['--init', genesisPath]`), `sequencerL1Url` the sequencer's
 * own L1 URL given anvil's (see `support/startE2eDevnet.ts`).
 *
 * @example
 * ```ts
 * const e = await startE2eDevnet({ name: 'censorship' })
 * const alice = e.sdk(1)
 * await e.devnet.stop()
 * ```
 */
export async function startE2eDevnet(params: {
  name: string
  extraEnv?: DevnetOptions['extraEnv']
  anvilArgs?: readonly string[]
  sequencerL1Url?: (anvilUrl: string) => string | Promise<string>
  /** Start the prover (default true; a scenario that never waits for proofs may leave it out). */
  startProver?: boolean
}): Promise<E2eDevnet> {
  const devnet = await startDevnetForScenario({
    name: params.name,
    realProofs: true,
    startNode: true,
    startProver: params.startProver ?? true,
    ...(params.extraEnv ? { extraEnv: params.extraEnv } : {}),
    ...(params.anvilArgs ? { anvilArgs: params.anvilArgs } : {}),
    ...(params.sequencerL1Url ? { sequencerL1Url: params.sequencerL1Url } : {}),
  })
  const { anvil, info } = devnet
  return {
    devnet,
    dataDir: devnet.options.dataDir,
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
    stop: (p) => devnet.stop({ keep: p?.keepLogs ?? false }),
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
