import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createPublicClient, createWalletClient, http, isAddress, isHex, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { L2Key } from '../../protocol/index.ts'
import { createCounterweightClient, deriveWalletL2Key, l1Chain, rpcBlobGetter } from '../sdk/index.ts'
import { CliError, EXIT, usageError } from './CliError.ts'
import type { CommandContext } from './CommandContext.ts'

/** Where the user's commands go, from options, `CW_*` variables, or the running devnet's `.devnet/devnet.json`. */
export interface UserEndpoints {
  l1RpcUrl: string
  chainId: number
  rollup: Address
  sequencerUrl: string
  nodeUrl: string | undefined
  fromBlock: bigint
}

/**
 * Reads the endpoints a user command talks to: `--l1`, `--rollup`, `--rpc`, `--node`
 * (or `CW_L1_RPC_URL`, `CW_ROLLUP_ADDRESS`, `CW_RPC_URL`, `CW_NODE_URL`), falling back to
 * the devnet's `.devnet/devnet.json` when one is running from this folder.
 *
 * @example
 * ```ts
 * const endpoints = userEndpoints(ctx) // { l1RpcUrl: 'http://127.0.0.1:8545', rollup: '0x…', ... }
 * ```
 */
export function userEndpoints(ctx: CommandContext): UserEndpoints {
  const devnetFile = resolve(ctx.env.CW_DEVNET_FILE ?? '.devnet/devnet.json')
  const devnet = existsSync(devnetFile)
    ? (JSON.parse(readFileSync(devnetFile, 'utf8')) as { l1: { rpcUrl: string; chainId: number }; rollup: { address: Address; deploymentBlock: string }; sequencer?: { rpcUrl: string }; node?: { rpcUrl: string } })
    : undefined
  const a = ctx.args
  const rollup = a.string('rollup') ?? ctx.env.CW_ROLLUP_ADDRESS ?? devnet?.rollup.address
  const l1RpcUrl = a.string('l1') ?? ctx.env.CW_L1_RPC_URL ?? devnet?.l1.rpcUrl ?? 'http://127.0.0.1:8545'
  const sequencerUrl = a.string('rpc') ?? ctx.env.CW_RPC_URL ?? devnet?.sequencer?.rpcUrl ?? 'http://127.0.0.1:8547'
  const nodeUrl = a.string('node') ?? ctx.env.CW_NODE_URL ?? devnet?.node?.rpcUrl
  if (!rollup) throw new CliError({ code: 'CONFIG', exitCode: EXIT.CONFIG, message: 'which rollup? no --rollup, no CW_ROLLUP_ADDRESS and no running devnet (.devnet/devnet.json)', hint: 'start one with `npm run devnet`, or pass --rollup 0x…' })
  if (!isAddress(rollup)) throw usageError({ message: `--rollup must be an address, got "${rollup}"` })
  const chainId = Number(ctx.env.CW_CHAIN_ID ?? devnet?.l1.chainId ?? 31337)
  return { l1RpcUrl, chainId, rollup, sequencerUrl, nodeUrl, fromBlock: BigInt(ctx.env.CW_DEPLOYMENT_BLOCK ?? devnet?.rollup.deploymentBlock ?? 0) }
}

/**
 * The user's clients: an L1 wallet from `--key` / `CW_PRIVATE_KEY`, the SDK client of the
 * sequencer with it, and the L2 key derived from the wallet (a signature, never stored).
 *
 * @example
 * ```ts
 * const { client, key, address } = await userClients(ctx)
 * await client.transfer({ key, owner: address, to: 2n, amount: parseEther('1') })
 * ```
 */
export async function userClients(ctx: CommandContext) {
  const e = userEndpoints(ctx)
  const pk = ctx.args.string('key') ?? ctx.env.CW_PRIVATE_KEY
  if (!pk) throw new CliError({ code: 'CONFIG', exitCode: EXIT.CONFIG, message: 'no L1 key: set CW_PRIVATE_KEY or pass --key 0x…', hint: '`npm run devnet` prints funded dev keys' })
  if (!isHex(pk) || pk.length !== 66) throw usageError({ message: 'the private key must be 32 bytes of hex (0x + 64 digits)' })
  const account = privateKeyToAccount(pk as Hex)
  const chain = l1Chain({ chainId: e.chainId, rpcUrl: e.l1RpcUrl })
  const l1 = createWalletClient({ account, chain, transport: http(e.l1RpcUrl, { retryCount: 2 }) })
  const l1Public = createPublicClient({ chain, transport: http(e.l1RpcUrl, { retryCount: 2 }) })
  const client = createCounterweightClient({
    sequencerUrl: e.sequencerUrl,
    rollup: e.rollup,
    chainId: e.chainId,
    l1,
    fromBlock: e.fromBlock,
    blobs: rpcBlobGetter({ url: e.l1RpcUrl }),
    ...(e.nodeUrl ? { node: createCounterweightClient({ sequencerUrl: e.nodeUrl, rollup: e.rollup, chainId: e.chainId }) } : {}),
  })
  const key: L2Key = await deriveWalletL2Key(l1, { rollup: e.rollup, chainId: BigInt(e.chainId) })
  return { endpoints: e, l1, l1Public, client, key, address: account.address }
}

/**
 * An amount option in ether (`--amount 1.5`), or in wei with `--wei`.
 *
 * @example
 * ```ts
 * amountOption(ctx) // 1500000000000000000n for --amount 1.5
 * ```
 */
export function amountOption(ctx: CommandContext, name = 'amount'): bigint {
  const raw = ctx.args.required(name, `e.g. --${name} 0.5 (ether; add --wei for wei)`)
  const wei = ctx.args.flag('wei')
  try {
    const v = wei ? BigInt(raw) : parseEther(raw)
    if (v <= 0n) throw new Error('not positive')
    return v
  } catch {
    throw usageError({ message: `--${name} must be a positive amount${wei ? ' in wei' : ' in ether'}, got "${raw}"` })
  }
}

/**
 * A `--name N` option holding a non-negative integer (account index, position, sequence).
 *
 * @example
 * ```ts
 * indexOption(ctx, 'to') // 2n
 * ```
 */
export function indexOption(ctx: CommandContext, name: string): bigint | undefined {
  const raw = ctx.args.string(name)
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw)) throw usageError({ message: `--${name} must be a non-negative integer, got "${raw}"` })
  return BigInt(raw)
}

/**
 * JSON with bigints as decimal strings (what `--json` prints).
 *
 * @example
 * ```ts
 * toJson({ amount: 1n }) // '{"amount":"1"}'
 * ```
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : v))
}
