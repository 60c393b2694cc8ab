import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withBuildLock } from './buildLock.ts'

describe('withBuildLock', () => {
  it('creates missing parent folders (a fresh clone has no build/) and builds once for concurrent callers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lock-'))
    const lock = join(root, 'not', 'yet', 'there.lock')
    let built = 0
    let done = false
    const call = () =>
      withBuildLock({
        lock,
        ready: () => done,
        whenReady: () => 'cached',
        fn: async () => {
          built++
          await new Promise((r) => setTimeout(r, 200))
          done = true
          return 'built'
        },
      })
    const results = await Promise.all([call(), call(), call()])
    expect(built).toBe(1)
    expect(results.sort()).toEqual(['built', 'cached', 'cached'])
    expect(existsSync(lock)).toBe(false)
  })
})
