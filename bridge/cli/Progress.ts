/** One step of a long task (see {@link Progress}). */
export interface ProgressStep {
  /** Reports what the step is doing now; `fraction` in [0, 1] when known. */
  update(detail: string, fraction?: number): void
  /** Ends the step successfully with a short summary. */
  done(summary?: string): void
  /** Ends the step with a failure. */
  fail(message: string): void
}

/** Where progress goes: a terminal line with a bar, plain lines, or JSON events. */
export type ProgressMode = 'tty' | 'lines' | 'json' | 'silent'

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

function bar(fraction: number, width = 20): string {
  const f = Math.max(0, Math.min(1, fraction))
  const full = Math.round(f * width)
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${Math.round(f * 100)}%`
}

/**
 * Progress of long steps (circuit setup, proving, waiting for L1): on a terminal a redrawn
 * line with a spinner, a bar when the fraction is known, the elapsed time and the latest
 * detail; in a pipe plain lines (start, at most one update every `lineIntervalMs`, end);
 * with `--json` one JSON object per event on stderr, so stdout stays the command's result.
 *
 * @example
 * ```ts
 * const progress = new Progress({ mode: process.stderr.isTTY ? 'tty' : 'lines' })
 * const step = progress.step('building circuit keys')
 * step.update('compile', 0.2)
 * step.done('ready in 95 s')
 * ```
 */
export class Progress {
  readonly mode: ProgressMode
  private readonly out: NodeJS.WritableStream
  private readonly now: () => number
  private readonly lineIntervalMs: number

  constructor(params: { mode: ProgressMode; out?: NodeJS.WritableStream; now?: () => number; lineIntervalMs?: number }) {
    this.mode = params.mode
    this.out = params.out ?? process.stderr
    this.now = params.now ?? Date.now
    this.lineIntervalMs = params.lineIntervalMs ?? 10_000
  }

  /** Prints a message between steps (plain line, or a JSON `log` event). */
  log(message: string): void {
    if (this.mode === 'silent') return
    if (this.mode === 'json') this.out.write(`${JSON.stringify({ event: 'log', message })}\n`)
    else this.out.write(`${message}\n`)
  }

  /** Starts a step. */
  step(name: string): ProgressStep {
    const started = this.now()
    let detail = ''
    let fraction: number | undefined
    let frame = 0
    let lastLine = started
    let ended = false
    const { mode, out } = this
    const emit = (event: string, extra: Record<string, unknown> = {}): void => {
      out.write(`${JSON.stringify({ event, step: name, elapsedMs: this.now() - started, ...extra })}\n`)
    }
    const draw = (): void => {
      const parts = [`${SPIN[frame++ % SPIN.length]} ${name}`, fraction === undefined ? '' : bar(fraction), elapsed(this.now() - started), detail]
      out.write(`\r\x1b[2K${parts.filter(Boolean).join('  ')}`)
    }
    const timer = mode === 'tty' ? setInterval(draw, 120) : undefined
    timer?.unref()
    if (mode === 'tty') draw()
    else if (mode === 'lines') out.write(`… ${name}\n`)
    else if (mode === 'json') emit('start')
    const end = (ok: boolean, text: string | undefined): void => {
      if (ended) return
      ended = true
      if (timer) clearInterval(timer)
      const took = elapsed(this.now() - started)
      if (mode === 'json') emit(ok ? 'done' : 'fail', text === undefined ? {} : { [ok ? 'summary' : 'error']: text })
      else if (mode !== 'silent') {
        const line = `${ok ? '✔' : '✘'} ${name} (${took})${text ? `: ${text}` : ''}`
        out.write(mode === 'tty' ? `\r\x1b[2K${line}\n` : `${line}\n`)
      }
    }
    return {
      update: (d, f) => {
        detail = d
        fraction = f
        if (mode === 'json') emit('update', { detail: d, ...(f === undefined ? {} : { fraction: f }) })
        else if (mode === 'lines' && this.now() - lastLine >= this.lineIntervalMs) {
          lastLine = this.now()
          out.write(`  ${name}: ${d}${f === undefined ? '' : ` (${Math.round(f * 100)}%)`} [${elapsed(this.now() - started)}]\n`)
        }
      },
      done: (summary) => end(true, summary),
      fail: (message) => end(false, message),
    }
  }

  /** Runs `fn` as a step: done with its summary, or failed with its error (rethrown). */
  async run<T>(name: string, fn: (step: ProgressStep) => Promise<T>, summary?: (value: T) => string): Promise<T> {
    const s = this.step(name)
    try {
      const value = await fn(s)
      s.done(summary?.(value))
      return value
    } catch (e) {
      s.fail((e as Error).message.split('\n')[0] ?? String(e))
      throw e
    }
  }
}
