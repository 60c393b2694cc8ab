#!/usr/bin/env node
/**
 * A `solc` executable for forge, backed by solc-js (the npm `solc` package), because a
 * native solc cannot be installed here. `foundry.toml` names it (`solc = "..."`).
 *
 * It answers the two things forge asks of a compiler:
 * - `--version`: prints `Version: <semver>+commit.<hash>.Linux.g++`, the line forge parses.
 * - `--standard-json [--base-path B] [--include-path I]... [--allow-paths A,B]`: reads the
 *   standard-JSON input on stdin, compiles it with solc-js and prints the standard-JSON
 *   output. Imports that forge did not inline are read from disk relative to the base and
 *   include paths (or as absolute paths), and only below the base, include and allowed
 *   paths, as native solc does.
 *
 * Anything else exits with status 2 and a message on stderr.
 *
 * @example
 * ```sh
 * l1-contracts/forge/solc-shim.mjs --version
 * echo '{"language":"Solidity","sources":{...},"settings":{...}}' | l1-contracts/forge/solc-shim.mjs --standard-json
 * ```
 */
import { existsSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', '..', 'package.json'))

const args = process.argv.slice(2)

function loadSolc() {
  return require('solc')
}

/** `0.8.37+commit.f401782d` from solc-js's `0.8.37+commit.f401782d.Emscripten.clang`. */
function versionCore(solc) {
  const m = /^(\d+\.\d+\.\d+(?:-[\w.]+)?\+commit\.[0-9a-f]+)/.exec(solc.version())
  if (!m) throw new Error(`solc-shim: unexpected solc-js version string ${solc.version()}`)
  return m[1]
}

function option(name) {
  const values = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name && i + 1 < args.length) values.push(args[++i])
    else if (args[i].startsWith(`${name}=`)) values.push(args[i].slice(name.length + 1))
  }
  return values
}

function readStdin() {
  const chunks = []
  const buf = Buffer.alloc(1 << 16)
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    let n
    try {
      n = readSync(0, buf, 0, buf.length, null)
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5)
        continue
      }
      if (e.code === 'EOF') break
      throw e
    }
    if (n === 0) break
    chunks.push(Buffer.from(buf.subarray(0, n)))
  }
  return Buffer.concat(chunks).toString('utf8')
}

function canonical(p) {
  try {
    return realpathSync(p)
  } catch {
    return resolve(p)
  }
}

function importCallback() {
  const base = option('--base-path')[0] ?? process.cwd()
  const roots = [base, ...option('--include-path')].map((p) => resolve(p))
  const allowed = [
    ...roots,
    ...option('--allow-paths').flatMap((v) => v.split(',')).filter(Boolean).map((p) => resolve(base, p)),
  ].map(canonical)
  const isAllowed = (file) => allowed.some((root) => file === root || file.startsWith(root.endsWith(sep) ? root : root + sep))
  return (path) => {
    const candidates = isAbsolute(path) ? [path] : roots.map((root) => join(root, path))
    for (const candidate of candidates) {
      if (!existsSync(candidate) || !statSync(candidate).isFile()) continue
      const file = canonical(candidate)
      if (!isAllowed(file)) return { error: `solc-shim: ${path} resolves to ${file}, outside the allowed paths ${allowed.join(', ')}` }
      return { contents: readFileSync(file, 'utf8') }
    }
    return { error: `solc-shim: file ${path} not found under ${roots.join(', ')}` }
  }
}

if (args.includes('--version') || args.includes('-v')) {
  const solc = loadSolc()
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${versionCore(solc)}.Linux.g++\n`)
} else if (args.includes('--standard-json')) {
  const input = readStdin()
  const solc = loadSolc()
  const output = solc.compile(input, { import: importCallback() })
  process.stdout.write(output)
} else {
  process.stderr.write(`solc-shim: unsupported arguments ${JSON.stringify(args)}; only --version and --standard-json are implemented\n`)
  process.exit(2)
}
