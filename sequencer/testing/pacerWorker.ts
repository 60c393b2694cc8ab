/**
 * The load generator's pacer (a worker thread): sleeps until each scheduled send time of an
 * open-loop phase and tells the load generator's event loop which requests are due. It sleeps
 * with `Atomics.wait` (sub-millisecond, without spinning), so that pacing 1,000 requests per
 * second costs almost no CPU: a busy loop on `setImmediate` in the generator itself took about
 * 0.6 ms of CPU per request (0.6 of one of the machine's 2 cores) from the server it measures.
 * Times are absolute (`performance.timeOrigin + performance.now()`), shared by both threads.
 *
 * workerData: `{ rate, count }`. It posts `'ready'`, waits for the first send time `start`,
 * then posts the count of requests due so far (increasing) until `count`.
 *
 * @example
 * ```ts
 * const pacer = startWorker({ url: new URL('./pacerWorker.ts', import.meta.url), workerData: { rate: 1000, count: 8000 } })
 * pacer.once('message', () => pacer.postMessage(performance.timeOrigin + performance.now() + 5)) // 'ready'
 * pacer.on('message', (due: number) => sendUpTo(due))
 * ```
 */
import { parentPort, workerData } from 'node:worker_threads'

const { rate, count } = workerData as { rate: number; count: number }
const start = await new Promise<number>((resolve) => {
  parentPort!.once('message', resolve)
  parentPort!.postMessage('ready')
})
const cell = new Int32Array(new SharedArrayBuffer(4))
const now = (): number => performance.timeOrigin + performance.now()
let sent = 0
while (sent < count) {
  const wait = start + (sent * 1000) / rate - now()
  if (wait > 0) Atomics.wait(cell, 0, 0, wait)
  const t = now()
  let due = sent
  while (due < count && start + (due * 1000) / rate <= t) due++
  if (due > sent) {
    parentPort!.postMessage(due)
    sent = due
  }
}
