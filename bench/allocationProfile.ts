/**
 * Diagnostics of the sequencer bench (`CW_BENCH_ALLOC=1`): which functions of this thread
 * allocate the most while a phase runs, collected garbage included (V8's sampling heap
 * profiler with `includeObjectsCollectedByMinorGC` and `...MajorGC`), as bytes per
 * transaction. Short-lived garbage is what makes the main thread scavenge every few hundred
 * milliseconds; this says where it comes from.
 *
 * @example
 * ```ts
 * const stop = await profileAllocations()
 * await runPhase()
 * console.log(await stop(8000)) // top allocation sites, bytes per transaction
 * ```
 */
import { Session } from 'node:inspector'

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: ProfileNode[]
}

const post = <T>(session: Session, method: string, params?: object): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r as T))))

export async function profileAllocations(): Promise<(tx: number) => Promise<string>> {
  const session = new Session()
  session.connect()
  await post(session, 'HeapProfiler.enable')
  await post(session, 'HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  return async (tx) => {
    const { profile } = await post<{ profile: { head: ProfileNode } }>(session, 'HeapProfiler.stopSampling')
    session.disconnect()
    const self = new Map<string, number>()
    let total = 0
    const walk = (n: ProfileNode): void => {
      const f = n.callFrame
      const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
      self.set(k, (self.get(k) ?? 0) + n.selfSize)
      total += n.selfSize
      n.children.forEach(walk)
    }
    walk(profile.head)
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)
    return [`    allocation on the main thread: ${(total / tx / 1024).toFixed(1)} KB per transaction; top sites (bytes per transaction):`, ...top.map(([k, v]) => `    ${(v / tx).toFixed(0).padStart(7)}  ${k}`)].join('\n')
  }
}
