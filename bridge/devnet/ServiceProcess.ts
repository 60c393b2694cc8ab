import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')

/**
 * A service failed to start or stopped on its own; `logTail` holds the end of its log.
 *
 * @example
 * ```ts
 * try { await svc.ready } catch (e) { if (e instanceof ServiceError) console.error(e.logTail) }
 * ```
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError'
  readonly code = 'SERVICE_FAILED'
  readonly service: string
  readonly logTail: string
  constructor(params: { service: string; message: string; logTail: string }) {
    super(`${params.service}: ${params.message}`)
    this.service = params.service
    this.logTail = params.logTail
  }
}

/**
 * One service of the devnet (sequencer, node, prover) as a child process running a
 * TypeScript entry with tsx, its output appended to `logFile`. `ready` resolves once `probe`
 * succeeds, and rejects if the process exits first or `readyTimeoutMs` passes. `stop()`
 * sends SIGINT (graceful stop), then SIGKILL after `stopTimeoutMs`.
 *
 * @example
 * ```ts
 * const svc = ServiceProcess.start({ name: 'sequencer', entry: 'sequencer/main.ts', env, logFile: '.devnet/logs/sequencer.log', probe: () => rpcUp(url) })
 * await svc.ready
 * await svc.stop()
 * ```
 */
export class ServiceProcess {
  readonly name: string
  readonly logFile: string
  readonly ready: Promise<void>
  private readonly child: ChildProcess
  private readonly log: WriteStream
  private exited = false
  private readonly exit: Promise<number | null>
  private readonly exitListeners: ((code: number | null) => void)[] = []
  private stopping = false

  private constructor(params: { name: string; entry: string; nodeFlags?: readonly string[]; env: Record<string, string>; logFile: string; probe: () => Promise<boolean>; readyTimeoutMs: number }) {
    this.name = params.name
    this.logFile = params.logFile
    this.log = createWriteStream(params.logFile, { flags: 'a' })
    this.child = spawn(process.execPath, [...(params.nodeFlags ?? []), '--import', 'tsx', resolve(ROOT, params.entry)], {
      cwd: ROOT,
      env: { ...process.env, ...params.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child.stdout?.pipe(this.log, { end: false })
    this.child.stderr?.pipe(this.log, { end: false })
    this.exit = new Promise((done) => {
      this.child.once('exit', (code) => {
        this.exited = true
        done(code)
        if (!this.stopping) for (const l of this.exitListeners) l(code)
      })
    })
    this.ready = this.waitReady(params.probe, params.readyTimeoutMs)
  }

  /** Spawns the service; see the class comment. */
  static start(params: {
    name: string
    /** Entry file relative to the repository root. */
    entry: string
    /** Node flags before the entry (e.g. the sequencer's, `SEQUENCER_NODE_FLAGS`). */
    nodeFlags?: readonly string[]
    env: Record<string, string>
    logFile: string
    /** Resolves true once the service answers. */
    probe: () => Promise<boolean>
    readyTimeoutMs?: number
  }): ServiceProcess {
    return new ServiceProcess({ ...params, readyTimeoutMs: params.readyTimeoutMs ?? 120_000 })
  }

  /** The last `lines` lines of the service's log. */
  tail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    } catch {
      return ''
    }
  }

  /** Calls `listener` if the process exits while not being stopped. */
  onUnexpectedExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener)
  }

  /** Stops the service: SIGINT, then SIGKILL after `timeoutMs`. Safe to call twice. */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.stopping = true
    if (!this.exited) {
      this.child.kill('SIGINT')
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
      await this.exit
      clearTimeout(timer)
    }
    await new Promise<void>((done) => this.log.end(done))
  }

  private async waitReady(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (this.exited) {
        const code = await this.exit
        throw new ServiceError({ service: this.name, message: `exited with code ${code} while starting (log: ${this.logFile})`, logTail: this.tail() })
      }
      if (await probe().catch(() => false)) return
      if (Date.now() > deadline) {
        throw new ServiceError({ service: this.name, message: `did not answer within ${Math.round(timeoutMs / 1000)} s (log: ${this.logFile})`, logTail: this.tail() })
      }
      await new Promise((r) => setTimeout(r, 250))
    }
  }
}
