import { EXIT } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'

const ENTRIES = {
  sequencer: '../../../sequencer/main.ts',
  prover: '../../../prover/main.ts',
  node: '../../../sequencer/node/main.ts',
} as const

/**
 * A command that runs one service in this process with its own entry (which reads its
 * configuration from `CW_*` variables and handles SIGINT/SIGTERM itself).
 *
 * @example
 * ```ts
 * const run = serviceCommand('sequencer')
 * ```
 */
export function serviceCommand(name: keyof typeof ENTRIES): (ctx: CommandContext) => Promise<number> {
  return async (ctx) => {
    ctx.args.done()
    // The entry reads its own arguments from process.argv (e.g. `prover takeover`): hand it
    // the words after the command name.
    process.argv.splice(2, process.argv.length - 2, ...ctx.args.positionals.slice(1))
    await import(ENTRIES[name])
    // The service's entry keeps the process alive and exits on its own.
    await new Promise(() => {})
    return EXIT.OK
  }
}
