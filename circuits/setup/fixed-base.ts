// Batched fixed-base scalar multiplication k_i * G (G the generator of G1 or G2) on a pool
// of worker threads. This is the whole cost of a development setup: every zkey point is a
// known scalar times a generator once the toxic waste is known, so no FFT over points and no
// multi-exponentiation is needed.
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import { loadFfjavascript } from './libs.ts'

export type Group = 'G1' | 'G2'

export const POINT_BYTES: Record<Group, number> = { G1: 64, G2: 128 }

interface Job {
  id: number
  group: Group
  window: number
  scalars: Uint8Array
  lem: boolean
  u: boolean
  resolve: (r: { lem?: Uint8Array; u?: Uint8Array }) => void
  reject: (e: Error) => void
}

type Slot = { worker: Worker; busy: Job | null; ready: Promise<void> }

/** Window width that minimises (table build + per-point additions) for n points per worker. */
export function chooseWindow(pointsPerWorker: number): number {
  let best = 4
  let bestCost = Infinity
  for (let w = 4; w <= 16; w++) {
    const cost = Math.ceil(255 / w) * ((1 << (w - 1)) * 1.2 + pointsPerWorker)
    if (cost < bestCost) {
      bestCost = cost
      best = w
    }
  }
  return best
}

export class FixedBaseMultiplier {
  readonly threads: number
  private slots: Slot[] = []
  private queue: Job[] = []
  private nextId = 1
  private closed = false
  private windows: Record<Group, number>

  /**
   * @param expectedPoints rough number of points of each group this instance will compute;
   * it only chooses the table window (speed), never the result.
   */
  /** Start the worker pool (the WASM engine comes from ffjavascript, built once here). */
  static async create(opts: { threads?: number; expectedPoints?: Partial<Record<Group, number>> } = {}): Promise<FixedBaseMultiplier> {
    const ff = await loadFfjavascript()
    const curve = (await ff.buildBn128(true)) as unknown as { tm: { code: Uint8Array; pG1gen: number; pG2gen: number } }
    return new FixedBaseMultiplier(opts, { code: curve.tm.code, pG1gen: curve.tm.pG1gen, pG2gen: curve.tm.pG2gen })
  }

  private constructor(
    opts: { threads?: number; expectedPoints?: Partial<Record<Group, number>> },
    engine: { code: Uint8Array; pG1gen: number; pG2gen: number },
  ) {
    this.threads = Math.max(1, opts.threads ?? availableParallelism())
    const per = (g: Group) => Math.max(1, Math.ceil((opts.expectedPoints?.[g] ?? 1 << 16) / this.threads))
    this.windows = { G1: chooseWindow(per('G1')), G2: chooseWindow(per('G2')) }
    const url = new URL('./fixed-base-worker.mjs', import.meta.url)
    for (let i = 0; i < this.threads; i++) {
      const worker = new Worker(url, { workerData: { code: engine.code.slice(), pG1gen: engine.pG1gen, pG2gen: engine.pG2gen } })
      let onReady: () => void = () => {}
      let onFail: (e: Error) => void = () => {}
      const ready = new Promise<void>((res, rej) => {
        onReady = res
        onFail = rej
      })
      const slot: Slot = { worker, busy: null, ready }
      worker.on('message', (msg: { ready?: boolean; id?: number; lem?: Uint8Array; u?: Uint8Array; error?: string; ms?: number }) => {
        if (msg.ready) {
          onReady()
          this.pump()
          return
        }
        const job = slot.busy
        slot.busy = null
        if (job && msg.id === job.id) {
          if (msg.error) job.reject(new Error(msg.error))
          else {
            const r: { lem?: Uint8Array; u?: Uint8Array } = {}
            if (msg.lem) r.lem = msg.lem
            if (msg.u) r.u = msg.u
            job.resolve(r)
          }
        }
        this.pump()
      })
      worker.on('error', (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err))
        onFail(e)
        const job = slot.busy
        slot.busy = null
        if (job) job.reject(e)
        // A dead worker would leave queued jobs waiting forever: fail them all.
        this.closed = true
        for (const q of this.queue.splice(0)) q.reject(e)
      })
      this.slots.push(slot)
    }
  }

  private readyCount = 0

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return
      if (slot.busy) continue
      const job = this.queue.shift()!
      slot.busy = job
      slot.worker.postMessage(
        { id: job.id, group: job.group, window: job.window, scalars: job.scalars, lem: job.lem, u: job.u },
        [job.scalars.buffer as ArrayBuffer],
      )
    }
  }

  /** Multiply one chunk: scalars are n * 32 bytes of canonical little-endian integers below r. */
  mulChunk(group: Group, scalars: Uint8Array, want: { lem?: boolean; u?: boolean }): Promise<{ lem?: Uint8Array; u?: Uint8Array }> {
    if (this.closed) return Promise.reject(new Error('FixedBaseMultiplier is closed'))
    // The buffer is transferred to the worker: give it a private, aligned copy.
    const own = new Uint8Array(scalars.byteLength)
    own.set(scalars)
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        group,
        window: this.windows[group],
        scalars: own,
        lem: !!want.lem,
        u: !!want.u,
        resolve,
        reject,
      })
      void Promise.all(this.slots.map((s) => s.ready)).then(() => this.pump(), reject)
    })
  }

  /**
   * Multiply all scalars (n * 32 bytes), delivering results to `onChunk` strictly in order
   * (first point index, LEM bytes and/or uncompressed bytes), while later chunks are still
   * being computed.
   */
  async mulStream(
    group: Group,
    scalars: Uint8Array,
    want: { lem?: boolean; u?: boolean },
    onChunk: (first: number, out: { lem?: Uint8Array; u?: Uint8Array }) => void | Promise<void>,
    chunkPoints = 1 << 14,
  ): Promise<void> {
    const n = scalars.byteLength / 32
    const inFlight: Promise<{ lem?: Uint8Array; u?: Uint8Array }>[] = []
    const maxInFlight = this.threads * 3
    let next = 0
    let done = 0
    while (done < n) {
      while (next < n && inFlight.length < maxInFlight) {
        const m = Math.min(chunkPoints, n - next)
        inFlight.push(this.mulChunk(group, scalars.subarray(next * 32, (next + m) * 32), want))
        next += m
      }
      const out = await inFlight.shift()!
      const m = Math.min(chunkPoints, n - done)
      await onChunk(done, out)
      done += m
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
  }
}
