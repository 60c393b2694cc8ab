/**
 * Anvil, the local L1 of tests and benchmarks: started from node_modules on a free port,
 * with viem clients for its funded dev accounts, and never left behind.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Account,
  type Chain,
  type HDAccount,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from 'viem'
import { mnemonicToAccount } from 'viem/accounts'

/**
 * The mnemonic of anvil's (and hardhat's) well-known dev accounts. Test keys only.
 *
 * @example
 * ```ts
 * mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }).address // 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
 * ```
 */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'

/**
 * Hardfork names anvil 1.7.1 accepts that include EIP-4844 blobs (`amsterdam` panics in 1.7.1).
 *
 * @example
 * ```ts
 * await startAnvil({ hardfork: 'osaka' satisfies AnvilHardfork })
 * ```
 */
export type AnvilHardfork = 'cancun' | 'prague' | 'osaka'

/**
 * Anvil could not be found, did not start or did not answer in time. `output` holds what
 * it printed.
 *
 * @example
 * ```ts
 * try { await startAnvil() } catch (e) { if (e instanceof AnvilError) console.error(e.output) }
 * ```
 */
export class AnvilError extends Error {
  override readonly name = 'AnvilError'
  readonly code = 'ANVIL_START_FAILED'
  readonly output: string
  constructor(params: { message: string; output?: string }) {
    super(params.output ? `${params.message}\n${params.output}` : params.message)
    this.output = params.output ?? ''
  }
}

/**
 * A running anvil with viem clients; see {@link startAnvil}.
 *
 * @example
 * ```ts
 * const anvil: Anvil = await startAnvil()
 * await anvil.stop()
 * ```
 */
export interface Anvil {
  /** `http://127.0.0.1:<port>`. */
  readonly rpcUrl: string
  readonly port: number
  /** Process id of anvil itself (not of its watchdog shell). */
  readonly pid: number
  readonly chain: Chain
  readonly publicClient: PublicClient<Transport, Chain>
  /** `anvil_*` / `evm_*` actions (mine, setNextBlockTimestamp, snapshot, ...). */
  readonly testClient: TestClient<'anvil', Transport, Chain>
  /** The funded dev accounts (local signers derived from {@link ANVIL_MNEMONIC}). */
  readonly accounts: readonly HDAccount[]
  /** One wallet client per dev account, in the same order. */
  readonly walletClients: readonly WalletClient<Transport, Chain, Account>[]
  /** `walletClients[0]`. */
  readonly walletClient: WalletClient<Transport, Chain, Account>
  /** Stops anvil and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>
}

const running = new Set<ChildProcessWithoutNullStreams>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // Synchronous last resort; the shell wrapper below also kills anvil when this process dies.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL')
  })
}

/**
 * The anvil executable from node_modules (`@foundry-rs/anvil-<platform>-<arch>`).
 *
 * @example
 * ```ts
 * anvilBinary() // '/work/main/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil'
 * ```
 */
export function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`
  try {
    const require = createRequire(import.meta.url)
    const bin = join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil')
    if (existsSync(bin)) return bin
  } catch {
    // fall through
  }
  throw new AnvilError({ message: `anvil not found: install ${pkg} (it comes with the @foundry-rs/anvil dev dependency)` })
}

/**
 * The shell wrapper: runs anvil in the background and kills it as soon as its stdin (a pipe
 * from this process) closes, whether because {@link Anvil.stop} closed it or because this
 * process died in any way, even by SIGKILL. It reports anvil's pid on stderr.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$0" "$@" & pid=$!',
  'echo "anvil-pid $pid" >&2',
  "trap 'kill -TERM $pid 2>/dev/null' TERM INT HUP",
  '( read _ <&3; kill -TERM $pid 2>/dev/null ) &',
  'wait $pid',
].join('\n')

/**
 * Starts anvil from node_modules on a free port (`--port 0`, read back from its output)
 * with `--hardfork prague` (or the given one), optionally interval mining every
 * `blockTime` seconds, waits until it answers JSON-RPC and returns viem clients for its
 * funded dev accounts. The process is stopped by `stop()`, when this process exits, and
 * (through a watchdog shell) when this process is killed. Use one per test file:
 * `beforeAll(async () => { anvil = await startAnvil() })`, `afterAll(() => anvil.stop())`.
 *
 * @example
 * ```ts
 * const anvil = await startAnvil({ hardfork: 'prague', blockTime: 1 })
 * await anvil.publicClient.getBlockNumber()
 * await anvil.walletClient.sendTransaction({ to: anvil.accounts[1]!.address, value: 1n })
 * await anvil.stop()
 * ```
 */
export async function startAnvil(
  params: {
    hardfork?: AnvilHardfork
    /** Seconds between blocks (interval mining); default: a block per transaction. */
    blockTime?: number
    chainId?: number
    /** Number of funded dev accounts (default 10). */
    accounts?: number
    /** Balance of each dev account in ether (default 10000). */
    balanceEther?: number
    /** More anvil arguments, e.g. `['--code-size-limit', '49152']`. */
    args?: readonly string[]
    /** How long to wait for anvil to answer (default 20 s). */
    timeoutMs?: number
    /** TCP port (default 0: a free one, read back from anvil's output). */
    port?: number
    /** Interface to listen on (default 127.0.0.1). */
    host?: string
  } = {},
): Promise<Anvil> {
  const { hardfork = 'prague', blockTime, chainId = 31337, accounts = 10, balanceEther = 10_000, args = [], timeoutMs = 20_000, port: wantedPort = 0, host = '127.0.0.1' } = params
  const bin = anvilBinary()
  const argv = [
    '--port', String(wantedPort),
    '--host', host,
    '--hardfork', hardfork,
    '--chain-id', String(chainId),
    '--accounts', String(accounts),
    '--balance', String(balanceEther),
    '--mnemonic', ANVIL_MNEMONIC,
    ...(blockTime !== undefined ? ['--block-time', String(blockTime)] : []),
    ...args,
  ]
  installExitHook()
  const child = spawn('/bin/sh', ['-c', WATCHDOG, bin, ...argv], { stdio: ['pipe', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  let anvilPid: number | undefined
  let exited = false
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true
      running.delete(child)
      resolve()
    })
  })
  const stop = async (): Promise<void> => {
    if (exited) return
    child.stdin.end()
    const timer = setTimeout(() => {
      if (anvilPid !== undefined) {
        try {
          process.kill(anvilPid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL')
    }, 5_000)
    await exit
    clearTimeout(timer)
  }

  const port = await new Promise<number>((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => fail(`anvil did not report its port within ${timeoutMs} ms`), timeoutMs)
    const fail = (message: string): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void stop().then(() => reject(new AnvilError({ message, output })))
    }
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const pid = /anvil-pid (\d+)/.exec(output)
      if (pid) anvilPid = Number(pid[1])
      const m = /Listening on [^\s:]+:(\d+)/.exec(output)
      if (m && !settled) {
        settled = true
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => fail(`anvil exited with status ${code} before listening`))
    child.once('error', (e) => fail(`could not start anvil: ${e.message}`))
  })
  // Keep draining output so anvil never blocks on a full pipe.
  child.stdout.removeAllListeners('data').on('data', () => {})
  child.stderr.removeAllListeners('data').on('data', () => {})
  child.removeAllListeners('error')

  const rpcUrl = `http://127.0.0.1:${port}`
  const chain = defineChain({
    id: chainId,
    name: 'Anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  const transport = http(rpcUrl, { retryCount: 0 })
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if ((await publicClient.getChainId()) === chainId) break
    } catch (e) {
      if (Date.now() > deadline) {
        await stop()
        throw new AnvilError({ message: `anvil on ${rpcUrl} did not answer: ${(e as Error).message}`, output })
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const hd = Array.from({ length: accounts }, (_, i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }))
  const walletClients = hd.map((account) => createWalletClient({ account, chain, transport, pollingInterval: 50 }))
  const testClient = createTestClient({ mode: 'anvil', chain, transport })
  if (anvilPid === undefined) {
    await stop()
    throw new AnvilError({ message: 'the watchdog did not report the anvil pid', output })
  }
  return { rpcUrl, port, pid: anvilPid, chain, publicClient, testClient, accounts: hd, walletClients, walletClient: walletClients[0]!, stop }
}
