import { WaitTimeoutError } from '../../errors/WaitTimeoutError.ts'

/**
 * Calls `read` every `pollingIntervalMs` until `done` holds for its answer, and returns it;
 * throws {@link WaitTimeoutError} with the last answer after `timeoutMs`.
 *
 * @example
 * ```ts
 * const s = await poll({ what: 'finality', read: () => getBatchStatus(l1, { rollup, batch }), done: (s) => s.stage === 'finalized' })
 * ```
 */
export async function poll<T>(params: { what: string; read: () => Promise<T>; done: (value: T) => boolean; pollingIntervalMs?: number; timeoutMs?: number }): Promise<T> {
  const { pollingIntervalMs = 1000, timeoutMs = 600_000 } = params
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await params.read()
    if (params.done(value)) return value
    if (Date.now() >= deadline) throw new WaitTimeoutError({ what: params.what, timeoutMs, last: value })
    await new Promise((r) => setTimeout(r, pollingIntervalMs))
  }
}
