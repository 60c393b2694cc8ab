// @ts-check
// Runs the circom2 npm package (circom compiled to WASM/WASI) like its own cli.js does, with
// one fix: WebAssembly passes i32 arguments to JavaScript as *signed* numbers, and circom2's
// WASI shim uses them as memory offsets unchanged. Once the compiler's heap grows past 2 GiB
// (about 800k --O2 constraints), the path of the next output file sits above 2^31 and the
// shim throws "RangeError: Start offset -12... is outside the bounds of the buffer" right
// after writing the r1cs. Every number argument of a WASI preview1 call is an unsigned 32-bit
// value (pointers, lengths, fds, flags; 64-bit ones arrive as BigInt), so `x >>> 0` is exact.
//
// usage: node circom2-runner.mjs <circom args...>   (cwd = the folder circom may see)
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(import.meta.url)
const { CircomRunner, bindings } = require('circom2')

// circom2 resolves paths relative to the working directory and can only open preopened
// folders: preopen the working directory and each of its ancestors under a relative name.
function preopens() {
  /** @type {Record<string, string>} */
  const out = {}
  let dir = process.cwd()
  for (;;) {
    const rel = path.relative(process.cwd(), dir) || '.'
    out[rel] = rel
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  // A symlinked folder of the working directory (node_modules in a git worktree) points
  // outside every preopen: preopen it under its own name at its real path.
  for (const e of fs.readdirSync(process.cwd(), { withFileTypes: true })) {
    if (e.isSymbolicLink() && fs.statSync(e.name).isDirectory()) out[e.name] = fs.realpathSync(e.name)
  }
  return out
}

const args = process.argv.slice(2).map((a) => (a.startsWith('-') ? a : path.relative(process.cwd(), a)))
const runner = new CircomRunner({
  args,
  env: process.env,
  preopens: preopens(),
  bindings: {
    ...bindings,
    exit: (/** @type {number} */ code) => process.exit(code),
    kill: (/** @type {string} */ signal) => process.kill(process.pid, signal),
    fs,
  },
})
const getImports = runner.wasi.getImports.bind(runner.wasi)
runner.wasi.getImports = (/** @type {WebAssembly.Module} */ mod) => {
  /** @type {Record<string, Record<string, Function>>} */
  const imports = getImports(mod)
  for (const ns of Object.keys(imports)) {
    const fns = imports[ns]
    /** @type {Record<string, Function>} */
    const wrapped = {}
    for (const [name, f] of Object.entries(fns)) {
      wrapped[name] = (/** @type {unknown[]} */ ...a) => f(...a.map((x) => (typeof x === 'number' && x < 0 ? x >>> 0 : x)))
    }
    imports[ns] = wrapped
  }
  return imports
}
const wasm = fs.readFileSync(require.resolve('circom2/circom.wasm'))
runner.execute(wasm).catch((/** @type {unknown} */ e) => {
  console.error(e)
  process.exit(1)
})
