import { mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

const STALE_MS = 30 * 60_000

/**
 * Runs `fn` while holding a lock folder, so that parallel test processes build an artifact
 * once: the others wait, then call `ready()` and skip the work when it is done. A lock older
 * than 30 minutes is taken over (its holder died).
 *
 * @example
 * ```ts
 * await withBuildLock({ lock: 'build/x.lock', ready: () => existsSync('build/x'), fn: build })
 * ```
 */
export async function withBuildLock<T>(params: { lock: string; ready: () => boolean; fn: () => Promise<T> | T; whenReady: () => T }): Promise<T> {
  mkdirSync(dirname(params.lock), { recursive: true })
  for (;;) {
    if (params.ready()) return params.whenReady()
    try {
      mkdirSync(params.lock)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const age = Date.now() - (statSync(params.lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > STALE_MS) rmSync(params.lock, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    if (params.ready()) return params.whenReady()
    return await params.fn()
  } finally {
    rmSync(params.lock, { recursive: true, force: true })
  }
}
