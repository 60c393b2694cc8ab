import { readFileSync } from 'node:fs'
import { createPublicClient, createWalletClient, http, isHex, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { PreconfirmationJson } from '../../../sequencer/index.ts'
import { checkPreconfirmation, l1Chain, slashPreconfirmation, type PreconfirmationCheck } from '../../sdk/index.ts'
import { CliError, EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { toJson, userEndpoints } from '../userContext.ts'

/**
 * `counterweight preconf check <file.json | -> [--node URL] [--slash]`: checks the
 * preconfirmation(s) in the file (one JSON object as `rollup_sendTransaction` answered it, or
 * an array; `-` reads stdin) against L1 and a node: honoured, pending, reordered, missed or
 * invalid, with why (`--json`: one JSON document). With `--slash`, a slashable broken promise
 * is claimed on L1 from the `CW_PRIVATE_KEY` / `--key` wallet, which is then owed half of what
 * the sequencer's bond loses. Exits 0 once every check ran (the verdicts are in the output).
 *
 * @example
 * ```sh
 * npm run counterweight -- preconf check pre.json --node http://127.0.0.1:8548 --slash
 * ```
 */
export async function preconfCommand(ctx: CommandContext): Promise<number> {
  const [, sub, file] = ctx.args.positionals
  if (sub !== 'check' || file === undefined) throw usageError({ message: 'usage: counterweight preconf check <file.json | -> [--node URL] [--slash]' })
  const e = userEndpoints(ctx)
  const slash = ctx.args.flag('slash')
  const pk = slash ? (ctx.args.string('key') ?? ctx.env.CW_PRIVATE_KEY) : undefined
  ctx.args.done()
  if (!e.nodeUrl) throw new CliError({ code: 'CONFIG', exitCode: EXIT.CONFIG, message: 'checking a preconfirmation needs a node (what L1 committed at its number): pass --node URL or set CW_NODE_URL' })
  if (slash && !pk) throw new CliError({ code: 'CONFIG', exitCode: EXIT.CONFIG, message: '--slash sends an L1 transaction: set CW_PRIVATE_KEY or pass --key 0x…' })
  if (pk !== undefined && (!isHex(pk) || pk.length !== 66)) throw usageError({ message: 'the private key must be 32 bytes of hex (0x + 64 digits)' })
  const pres = readPreconfirmations(file)

  const chain = l1Chain({ chainId: e.chainId, rpcUrl: e.l1RpcUrl })
  const l1 = createPublicClient({ chain, transport: http(e.l1RpcUrl, { retryCount: 2 }) })
  const node = createPublicClient({ transport: http(e.nodeUrl, { retryCount: 2 }) })
  const results: { sequence: string; verdict: PreconfirmationCheck['verdict']; reason: string; slashable: boolean; slashed?: { hash: Hex; amount: bigint } }[] = []
  for (const p of pres) {
    const c = await checkPreconfirmation(l1, { preconfirmation: p, node, rollup: e.rollup, chainId: BigInt(e.chainId) })
    const row: (typeof results)[number] = { sequence: String(c.signed?.sequence ?? p.sequence), verdict: c.verdict, reason: c.reason, slashable: c.slashable }
    if (slash && c.slashable) {
      const wallet = createWalletClient({ account: privateKeyToAccount(pk as Hex), chain, transport: http(e.l1RpcUrl, { retryCount: 2 }) })
      const r = await ctx.progress.run(`L1: slash the ${c.verdict} preconfirmation of sequence ${row.sequence}`, () => slashPreconfirmation(wallet, { rollup: e.rollup, chainId: BigInt(e.chainId), check: c }), (x) => `tx ${x.hash}`)
      row.slashed = { hash: r.hash, amount: r.amount }
    }
    results.push(row)
  }
  if (ctx.json) ctx.print(toJson(results.length === 1 ? results[0] : results))
  else for (const r of results) ctx.print(`sequence ${r.sequence}: ${r.verdict}${r.slashable ? ' (slashable)' : ''}: ${r.reason}${r.slashed ? `\n  slashed: tx ${r.slashed.hash}, ${r.slashed.amount} wei taken from the bond, half owed to you (withdrawOwed)` : ''}`)
  return EXIT.OK
}

function readPreconfirmations(file: string): PreconfirmationJson[] {
  let text: string
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (e) {
    throw usageError({ message: `cannot read ${file === '-' ? 'stdin' : file}: ${(e as Error).message}` })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    throw usageError({ message: `${file === '-' ? 'stdin' : file} is not JSON: ${(e as Error).message}` })
  }
  const list = Array.isArray(parsed) ? parsed : [parsed]
  if (list.length === 0 || list.some((p) => typeof p !== 'object' || p === null || !('sequence' in p))) throw usageError({ message: 'expected a preconfirmation (the JSON object rollup_sendTransaction answers) or an array of them' })
  return list as PreconfirmationJson[]
}
