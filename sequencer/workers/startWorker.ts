import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker, type Transferable } from 'node:worker_threads'

/**
 * Starts a worker thread running the module at `url`. A `.ts` module (tests, `tsx`, the
 * bench) is loaded through tsx's loader, registered inside the worker first, because Node 20
 * cannot run TypeScript and workers started from vitest do not inherit a loader; a compiled
 * `.js` module (also when the source names `.ts` but only the compiled `.js` exists) is
 * started directly.
 *
 * @example
 * ```ts
 * const worker = startWorker({ url: new URL('./cryptoWorker.ts', import.meta.url), workerData: { domain } })
 * ```
 */
export function startWorker(params: { url: URL; workerData?: unknown; name?: string; /** Objects in `workerData` to move rather than copy (e.g. a `MessagePort`). */ transferList?: Transferable[] }): Worker {
  const { workerData, name, transferList } = params
  let url = params.url
  // Compiled (`npm run build`): the `.ts` named in the source is a `.js` next to this file.
  if (url.pathname.endsWith('.ts') && !existsSync(fileURLToPath(url))) url = new URL(url.href.replace(/\.ts$/, '.js'))
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, name, transferList })
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData, name, transferList })
}
