// Build manifest: sha256 of every artifact plus the parameters that produced them, and a
// `check` that rebuilds from the same inputs and says which hashes reproduce.
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

export const MANIFEST_SCHEMA = 'counterweight-circuit-build/1'

export type ArtifactKind = 'r1cs' | 'wasm' | 'sym' | 'zkey' | 'vkey' | 'verifier'

export interface FileEntry {
  /** Relative to the manifest's folder. */
  path: string
  sha256: string
  bytes: number
}

export interface DevSetupInfo {
  kind: 'insecure-dev'
  label: string
  tauBeacon: string
  deltaBeacon: string
  beaconIterationsExp: number
  contributionName: string
  circuitHash: string
  contributionHash: string
  /** How to reproduce the zkey with stock snarkjs (slow). */
  reproduceWithSnarkjs: string[]
}

export interface ProdSetupInfo {
  kind: 'production'
  ptau: { path: string; sha256: string; bytes: number }
  circuitHash: string
  contributions: { name: string; hash: string }[]
  beacon?: { hashHex: string; iterationsExp: number; hash: string }
}

export interface Manifest {
  schema: typeof MANIFEST_SCHEMA
  name: string
  setup: 'insecure-dev' | 'production'
  insecure: boolean
  warning?: string
  compile: {
    /** Relative to the repository root. */
    main: string
    includePaths: string[]
    args: string[]
    failOnWarnings: boolean
    compiler: string
    inspectWarnings: string[]
  }
  circuit: { nConstraints: number; nVars: number; nPublic: number; power: number; domainSize: number }
  setupParams: DevSetupInfo | ProdSetupInfo
  tools: { snarkjs: string; node: string }
  files: Partial<Record<ArtifactKind, FileEntry>> & Record<'r1cs' | 'wasm' | 'zkey' | 'vkey' | 'verifier', FileEntry>
}

export function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256')
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', rej)
      .on('end', () => res(h.digest('hex')))
  })
}

export async function fileEntry(manifestDir: string, path: string): Promise<FileEntry> {
  const rel = relative(manifestDir, resolve(path)).split(sep).join('/')
  return { path: rel, sha256: await sha256File(path), bytes: statSync(path).size }
}

export function writeManifest(path: string, m: Manifest): void {
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n')
}

export function readManifest(path: string): Manifest {
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest
  if (m.schema !== MANIFEST_SCHEMA) throw new Error(`${path}: not a ${MANIFEST_SCHEMA} manifest`)
  return m
}

export type FileStatus = 'ok' | 'changed' | 'missing'

export interface FileCheck {
  kind: ArtifactKind
  path: string
  expected: string
  /** sha256 of the file on disk now. */
  onDisk: string | null
  /** sha256 of the rebuilt file (null: not rebuildable, e.g. a production zkey). */
  rebuilt: string | null
  diskStatus: FileStatus
  /** Whether the rebuild reproduced the recorded hash (null: not rebuilt). */
  reproduces: boolean | null
}

export async function checkOnDisk(manifestPath: string, m: Manifest): Promise<FileCheck[]> {
  const dir = dirname(resolve(manifestPath))
  const out: FileCheck[] = []
  for (const [kind, e] of Object.entries(m.files) as [ArtifactKind, FileEntry][]) {
    const p = join(dir, e.path)
    const onDisk = existsSync(p) ? await sha256File(p) : null
    out.push({
      kind,
      path: e.path,
      expected: e.sha256,
      onDisk,
      rebuilt: null,
      diskStatus: onDisk === null ? 'missing' : onDisk === e.sha256 ? 'ok' : 'changed',
      reproduces: null,
    })
  }
  return out
}
