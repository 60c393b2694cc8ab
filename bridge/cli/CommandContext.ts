import type { Args } from './Args.ts'
import type { Progress } from './Progress.ts'

/**
 * What every command gets: its arguments, progress output, where results go, and a promise
 * that resolves on Ctrl-C.
 *
 * @example
 * ```ts
 * export async function statusCommand(ctx: CommandContext): Promise<number> { ctx.print('ok'); return 0 }
 * ```
 */
export interface CommandContext {
  args: Args
  progress: Progress
  /** `--json`: print one JSON document on stdout and progress as JSON lines on stderr. */
  json: boolean
  env: Readonly<Record<string, string | undefined>>
  print(text: string): void
  error(text: string): void
  interrupted: Promise<void>
}
