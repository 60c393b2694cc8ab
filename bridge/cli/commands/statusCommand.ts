import { CliError, EXIT } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'
import { rpcProbe } from '../../devnet/rpcProbe.ts'

/**
 * `counterweight status`: every head of the pipeline from the sequencer (`rollup_status`),
 * and the node's view when `--node` (or `CW_NODE_URL`) is given.
 *
 * @example
 * ```sh
 * npm run counterweight -- status --rpc http://127.0.0.1:8547 --json
 * ```
 */
export async function statusCommand(ctx: CommandContext): Promise<number> {
  const rpc = ctx.args.string('rpc') ?? ctx.env.CW_RPC_URL ?? 'http://127.0.0.1:8547'
  const node = ctx.args.string('node') ?? ctx.env.CW_NODE_URL
  ctx.args.done()
  const status = await rpcProbe({ url: rpc, method: 'rollup_status' })
  if (status === undefined) {
    throw new CliError({ code: 'UNAVAILABLE', exitCode: EXIT.UNAVAILABLE, message: `no sequencer answers at ${rpc}`, hint: 'start one with `npm run devnet`, or pass --rpc URL (or set CW_RPC_URL)' })
  }
  const nodeStatus = node ? await rpcProbe({ url: node, method: 'rollup_status' }) : undefined
  if (ctx.json) ctx.print(JSON.stringify({ sequencer: status, ...(node ? { node: nodeStatus ?? null } : {}) }))
  else {
    ctx.print(`sequencer ${rpc}`)
    ctx.print(formatStatus(status))
    if (node) ctx.print(nodeStatus === undefined ? `node ${node}: not answering` : `node ${node}\n${formatStatus(nodeStatus)}`)
  }
  return EXIT.OK
}

function formatStatus(value: unknown, indent = '  '): string {
  if (value === null || typeof value !== 'object') return `${indent}${String(value)}`
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => (v !== null && typeof v === 'object' ? `${indent}${k}:\n${formatStatus(v, `${indent}  `)}` : `${indent}${k}: ${String(v)}`))
    .join('\n')
}
