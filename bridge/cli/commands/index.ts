import type { CommandContext } from '../CommandContext.ts'
import { devnetCommand } from './devnetCommand.ts'
import { setupCommand } from './setupCommand.ts'
import { statusCommand } from './statusCommand.ts'
import { serviceCommand } from './serviceCommand.ts'

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
