import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import type { GroupEntry } from '../preconf/signGroup.ts'
import type { CommitResult } from './rows.ts'

type Group = NonNullable<CommitResult['group']>

/**
 * The writer thread's side of the group signer thread (`groupSignerWorker.ts`): {@link start}
 * hands a group to the signer before the commit, {@link finish} waits for its signature after
 * the commit, blocking (`Atomics.wait` on `flag`, which the signer bumps with every answer).
 * The writer's event loop is not needed, so this works inside its synchronous commit loop.
 *
 * `finish` gives `undefined` when the signer failed or did not answer within `timeoutMs`;
 * after a timeout the client turns itself off ({@link alive} false), so that a dead signer
 * costs one wait, not one per commit: the writer then signs on its own thread, as before.
 *
 * @example
 * ```ts
 * const client = new GroupSignerClient({ port, flag, timeoutMs: 1000 })
 * const job = client.start(entries)
 * write(batch) // the commit and its fsync, meanwhile the signer signs
 * const group = client.finish(job)?.group ?? signHere(entries)
 * ```
 */
export class GroupSignerClient {
  private readonly port: MessagePort
  private readonly flag: Int32Array
  private readonly timeoutMs: number
  private nextId = 1
  private dead = false

  constructor(params: { port: MessagePort; flag: Int32Array; timeoutMs: number }) {
    this.port = params.port
    this.flag = params.flag
    this.timeoutMs = params.timeoutMs
  }

  /** Whether the signer is still used (false after a timeout or {@link stop}). */
  get alive(): boolean {
    return !this.dead
  }

  /** Sends a group to sign; its job id for {@link finish}. */
  start(entries: readonly GroupEntry[]): number {
    const id = this.nextId++
    this.port.postMessage({ id, entries })
    return id
  }

  /** Waits for job `id`'s signed group and how long the signer took (ms); `undefined` if the signer failed it or is gone. */
  finish(id: number): { group: Group; ms: number } | undefined {
    const deadline = performance.now() + this.timeoutMs
    for (;;) {
      const seen = Atomics.load(this.flag, 0)
      for (let r = receiveMessageOnPort(this.port); r; r = receiveMessageOnPort(this.port)) {
        const m = r.message as { id?: number; group?: Group; ms?: number; error?: string }
        if (m.id === id) return m.error === undefined && m.group ? { group: m.group, ms: m.ms ?? 0 } : undefined
        // Anything else is the start-up note or a late answer to a job already signed here.
      }
      const left = deadline - performance.now()
      if (left <= 0) {
        this.dead = true
        return undefined
      }
      Atomics.wait(this.flag, 0, seen, left)
    }
  }

  /** Stops using the signer (it is gone). */
  stop(): void {
    this.dead = true
  }
}
