/**
 * The `counterweight` command line: `devnet`, `sequencer`, `prover`, `node`, `setup`,
 * `status` and the user verbs. Run it with `npm run counterweight -- <command>` (or
 * `npx tsx bridge/cli/counterweight.ts <command>`); `help` lists everything.
 *
 * @example
 * ```sh
 * npm run counterweight -- devnet
 * npm run counterweight -- status --json
 * ```
 */
import { Args } from './Args.ts'
import { CliError, EXIT, usageError } from './CliError.ts'
import type { CommandContext } from './CommandContext.ts'
import { commands, helpText } from './commands/index.ts'
import { Progress } from './Progress.ts'

const FLAGS = ['json', 'help', 'mock-proofs', 'no-prover', 'no-node', 'exit-when-ready', 'wait', 'yes', 'wei', 'calldata', 'slash']

/**
 * Runs one CLI invocation and returns its exit code (the process entry calls this).
 *
 * @example
 * ```ts
 * const code = await runCli({ argv: ['status', '--json'], env: process.env })
 * ```
 */
export async function runCli(params: {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  interrupted?: Promise<void>
  /** Where results go (default stdout). */
  stdout?: (text: string) => void
  /** Where messages and progress go (default stderr). */
  stderr?: NodeJS.WritableStream
}): Promise<number> {
  const stdout = params.stdout ?? ((t: string) => void process.stdout.write(t))
  const stderr = params.stderr ?? process.stderr
  const args = Args.parse(params.argv, { flags: FLAGS })
  const json = args.flag('json')
  const [name] = args.positionals
  const progress = new Progress({ mode: json ? 'json' : (stderr as { isTTY?: boolean }).isTTY ? 'tty' : 'lines', out: stderr })
  const ctx: CommandContext = {
    args,
    progress,
    json,
    env: params.env,
    print: (t) => stdout(`${t}\n`),
    error: (t) => void stderr.write(`${t}\n`),
    interrupted: params.interrupted ?? new Promise(() => {}),
  }
  try {
    if (!name || name === 'help' || args.flag('help')) {
      ctx.print(helpText())
      return name || args.flag('help') ? EXIT.OK : EXIT.USAGE
    }
    const command = commands[name]
    if (!command) throw usageError({ message: `unknown command "${name}"` })
    return await command.run(ctx)
  } catch (e) {
    const err = e instanceof CliError ? e : new CliError({ code: 'FAILED', message: (e as Error).message ?? String(e), cause: e })
    if (json) stdout(`${JSON.stringify({ error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } })}\n`)
    else ctx.error(`counterweight: ${err.message}${err.hint ? `\n  ${err.hint}` : ''}`)
    if (!(e instanceof CliError) && params.env.CW_DEBUG) ctx.error(String((e as Error).stack))
    return err.exitCode
  }
}

if (import.meta.main || process.argv[1]?.endsWith('counterweight.ts')) {
  let onInterrupt: () => void = () => {}
  const interrupted = new Promise<void>((r) => (onInterrupt = r))
  let interrupts = 0
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(EXIT.INTERRUPTED)
    onInterrupt()
  })
  process.on('SIGTERM', () => onInterrupt())
  const code = await runCli({ argv: process.argv.slice(2), env: process.env, interrupted })
  process.exit(code)
}
