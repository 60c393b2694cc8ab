import { usageError } from './CliError.ts'

/**
 * Command-line options of one command, read by name with their type checked; `done()`
 * refuses any option the command did not read (so a typo is an error, not ignored).
 *
 * @example
 * ```ts
 * const args = Args.parse(['--amount', '1.5', '--json'])
 * args.string('amount') // '1.5'
 * args.flag('json') // true
 * args.done()
 * ```
 */
export class Args {
  readonly positionals: string[]
  private readonly values = new Map<string, string | true>()
  private readonly read = new Set<string>()

  private constructor(positionals: string[]) {
    this.positionals = positionals
  }

  /** Splits `--name value`, `--name=value` and bare `--flag`s from positionals. */
  static parse(argv: readonly string[], params: { flags?: readonly string[] } = {}): Args {
    const flags = new Set(params.flags ?? [])
    const positionals: string[] = []
    const args = new Args(positionals)
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!
      if (!a.startsWith('--')) {
        positionals.push(a)
        continue
      }
      const eq = a.indexOf('=')
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
      if (eq > 0) args.values.set(name, a.slice(eq + 1))
      else if (flags.has(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) args.values.set(name, true)
      else args.values.set(name, argv[++i]!)
    }
    return args
  }

  /** A `--flag` (also `--flag=true|false`). */
  flag(name: string): boolean {
    this.read.add(name)
    const v = this.values.get(name)
    if (v === undefined) return false
    if (v === true || v === 'true') return true
    if (v === 'false') return false
    throw usageError({ message: `--${name} is a flag and takes no value (got "${v}")` })
  }

  /** A `--name value` option, or undefined. */
  string(name: string): string | undefined {
    this.read.add(name)
    const v = this.values.get(name)
    if (v === true) throw usageError({ message: `--${name} needs a value` })
    return v
  }

  /** A required `--name value`. */
  required(name: string, hint?: string): string {
    const v = this.string(name)
    if (v === undefined) throw usageError({ message: `--${name} is required`, ...(hint ? { hint } : {}) })
    return v
  }

  /** A `--name n` integer option. */
  number(name: string): number | undefined {
    const v = this.string(name)
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isFinite(n) || !/^-?\d+(\.\d+)?$/.test(v)) throw usageError({ message: `--${name} must be a number, got "${v}"` })
    return n
  }

  /** Refuses options nobody read. */
  done(): void {
    const unknown = [...this.values.keys()].filter((k) => !this.read.has(k))
    if (unknown.length > 0) throw usageError({ message: `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `--${u}`).join(', ')}` })
  }
}
