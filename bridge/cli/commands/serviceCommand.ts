import { proverMain } from '../../../prover/index.ts'
import { EXIT, usageError } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'

const ENTRIES = {
  sequencer: '../../../sequencer/main.ts',
  node: '../../../sequencer/node/main.ts',
} as const

/**
 * A command that runs one service in this process (its configuration from `CW_*` variables;
 * it handles SIGINT/SIGTERM and exits the process itself). The service takes no words after
 * its name: `counterweight takeover` is its own command.
 *
 * @example
 * ```ts
 * const run = serviceCommand('sequencer')
 * ```
 */
export function serviceCommand(name: keyof typeof ENTRIES | 'prover'): (ctx: CommandContext) => Promise<number> {
  return async (ctx) => {
    ctx.args.done()
    const extra = ctx.args.positionals.slice(1)
    if (extra.length > 0) throw usageError({ message: `\`${name}\` takes no arguments (got "${extra.join(' ')}")` })
    if (name === 'prover') await proverMain({ argv: [], env: ctx.env })
    else await import(ENTRIES[name])
    // The service keeps the process alive and exits on its own.
    await new Promise(() => {})
    return EXIT.OK
  }
}
