import type { CommandContext } from '../CommandContext.ts'
import { devnetCommand } from './devnetCommand.ts'
import { setupCommand } from './setupCommand.ts'
import { statusCommand } from './statusCommand.ts'
import { serviceCommand } from './serviceCommand.ts'
import { takeoverCommand } from './takeoverCommand.ts'
import { accountCommand } from './accountCommand.ts'
import { depositCommand } from './depositCommand.ts'
import { sendCommand } from './sendCommand.ts'
import { claimCommand } from './claimCommand.ts'
import { forcedCommand, queueStatusCommand } from './forcedCommand.ts'
import { escapeCommand, refundCommand } from './escapeCommand.ts'
import { preconfCommand } from './preconfCommand.ts'

/** One CLI command: its one-line usage and what it runs. */
export interface Command {
  usage: string
  summary: string
  run(ctx: CommandContext): Promise<number>
}

/**
 * Every command of the CLI by name.
 *
 * @example
 * ```ts
 * await commands.status!.run(ctx)
 * ```
 */
export const commands: Record<string, Command> = {
  devnet: { usage: 'devnet [--params devnet|test] [--mock-proofs] [--users N] [--no-node] [--no-prover] [--exit-when-ready]', summary: 'anvil, circuit keys, contracts, sequencer, node and prover on this machine', run: devnetCommand },
  setup: { usage: 'setup [--params devnet|test|production] [--ptau FILE --contributor NAME...]', summary: 'build the chunk circuit and its keys (INSECURE dev setup, or production from a ptau)', run: setupCommand },
  sequencer: { usage: 'sequencer', summary: 'run the sequencer (configuration from CW_* variables, docs/operations.md)', run: serviceCommand('sequencer') },
  account: { usage: 'account', summary: 'your L1 balance and L2 accounts (CW_PRIVATE_KEY)', run: accountCommand },
  deposit: { usage: 'deposit --amount ETH [--token ADDRESS] [--to INDEX] [--wait]', summary: 'deposit through the L1 queue (a new account with your L2 key, or account --to)', run: depositCommand },
  transfer: { usage: 'transfer (--to INDEX | --to-address 0x…) --amount ETH [--fee WEI] [--from INDEX]', summary: 'an L2 payment, answered with a signed preconfirmation', run: sendCommand('transfer') },
  withdraw: { usage: 'withdraw --amount ETH [--recipient 0x…]', summary: 'start a withdrawal to L1 (claim it once finalized)', run: sendCommand('withdraw') },
  claim: { usage: 'claim (--sequence N | --position N) [--wait]', summary: 'pay out a finalized withdrawal on L1', run: claimCommand('claim') },
  'withdrawal-status': { usage: 'withdrawal-status (--sequence N | --position N)', summary: 'initiated, committed, proven, finalized or claimed', run: claimCommand('status') },
  'force-withdraw': { usage: 'force-withdraw --amount ETH [--from INDEX]', summary: 'withdraw through the L1 queue when the sequencer ignores you', run: forcedCommand('withdraw') },
  'force-transfer': { usage: 'force-transfer --to INDEX --amount ETH [--from INDEX]', summary: 'transfer through the L1 queue', run: forcedCommand('transfer') },
  'queue-status': { usage: 'queue-status --position N', summary: 'forced-inclusion status of an L1 queue entry', run: queueStatusCommand },
  escape: { usage: 'escape [--index N] --node URL', summary: 'escape mode: withdraw full balances with a node\'s proofs', run: escapeCommand },
  preconf: { usage: 'preconf check <file.json | -> [--node URL] [--slash]', summary: 'was a preconfirmation honoured? (honoured, pending, reordered, missed, invalid); --slash claims a broken one on L1', run: preconfCommand },
  refund: { usage: 'refund --position N', summary: 'escape mode: refund an unconsumed deposit', run: refundCommand },
  prover: { usage: 'prover', summary: 'run a prover: proves committed chunks read from L1 and finalizes batches (docs/prover.md)', run: serviceCommand('prover') },
  node: { usage: 'node', summary: 'run a node: rebuilds the state from L1 alone and serves reads and proofs (docs/node.md)', run: serviceCommand('node') },
  takeover: { usage: 'takeover [--calldata]', summary: 'commit and prove overdue L1 queue entries without the sequencer', run: takeoverCommand },
  status: { usage: 'status [--rpc URL] [--node URL]', summary: 'every head of the pipeline: preconfirmed, sealed, committed, proven, finalized, queue', run: statusCommand },
}

/**
 * The text of `counterweight help`.
 *
 * @example
 * ```ts
 * console.log(helpText())
 * ```
 */
export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length))
  return [
    'counterweight <command> [options] [--json]',
    '',
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  usage: counterweight ${c.usage}`),
    '',
    '--json prints one JSON document on stdout (progress as JSON lines on stderr).',
    'Exit codes: 0 ok, 1 failed, 2 usage, 3 configuration, 4 service unavailable, 130 interrupted.',
  ].join('\n')
}
