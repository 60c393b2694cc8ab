import { isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (circom2 must run from here: it only sees files at or below its cwd). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)))

/** Default output folder for circuit builds (git-ignored). */
export const BUILD_DIR = resolve(REPO_ROOT, 'build', 'circuits')

/** Absolute path of `p` (relative paths are taken from the repository root). */
export function fromRoot(p: string): string {
  return isAbsolute(p) ? p : resolve(REPO_ROOT, p)
}

/** Path relative to the repository root, refusing anything outside it. */
export function insideRoot(p: string, what: string): string {
  const rel = relative(REPO_ROOT, fromRoot(p))
  if (rel === '' ) return '.'
  if (rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) {
    throw new Error(`${what} ${p} is outside the repository root ${REPO_ROOT}: circom2 (WASI) cannot see it`)
  }
  return rel.split(sep).join('/')
}
