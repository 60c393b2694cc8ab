// Export the verification key (JSON) and the Solidity verifier from a Groth16 zkey with snarkjs.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadSnarkjs, snarkjsDir, type Groth16Proof, type Logger, type VerificationKey } from '../setup/libs.ts'

export interface ExportParams {
  zkey: string
  outDir: string
  /** File stem, e.g. `tiny.insecure-dev` gives tiny.insecure-dev.vkey.json and .verifier.sol. */
  stem: string
  /** Mark the Solidity source as insecure (dev setups). */
  insecure?: boolean
  logger?: Logger
}

export interface ExportResult {
  vkey: string
  verifier: string
}

export const INSECURE_SOLIDITY_BANNER = [
  '// INSECURE DEVELOPMENT VERIFIER. The trusted setup behind these constants was derived from a',
  '// PUBLIC seed (circuits/setup/toxic.ts): anyone can forge proofs that this contract accepts.',
  '// Never deploy it where value is at stake; use a production setup (docs/trusted-setup.md).',
].join('\n')

export async function exportKeys(params: ExportParams): Promise<ExportResult> {
  const snarkjs = await loadSnarkjs()
  mkdirSync(params.outDir, { recursive: true })
  const vk = await snarkjs.zKey.exportVerificationKey(params.zkey)
  const vkey = join(params.outDir, `${params.stem}.vkey.json`)
  writeFileSync(vkey, JSON.stringify(vk, null, 2) + '\n')
  const template = readFileSync(join(snarkjsDir(), 'templates', 'verifier_groth16.sol.ejs'), 'utf8')
  let sol = await snarkjs.zKey.exportSolidityVerifier(params.zkey, { groth16: template })
  if (params.insecure) {
    const lines = sol.split('\n')
    const at = lines[0]?.startsWith('// SPDX') ? 1 : 0
    lines.splice(at, 0, INSECURE_SOLIDITY_BANNER)
    sol = lines.join('\n')
  }
  const verifier = join(params.outDir, `${params.stem}.verifier.sol`)
  writeFileSync(verifier, sol)
  params.logger?.info(`[export] ${vkey}\n[export] ${verifier}`)
  return { vkey, verifier }
}

export interface SmokeProofResult {
  verified: boolean
  publicSignals: string[]
  proveMs: number
  verifyMs: number
  proof: Groth16Proof
}

/** groth16.fullProve with the circuit's wasm, then groth16.verify with the exported vkey. */
export async function proveAndVerify(params: { wasm: string; zkey: string; vkey: string | VerificationKey; input: Record<string, unknown> }): Promise<SmokeProofResult> {
  const snarkjs = await loadSnarkjs()
  const vk = typeof params.vkey === 'string' ? (JSON.parse(readFileSync(params.vkey, 'utf8')) as VerificationKey) : params.vkey
  const t0 = performance.now()
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(params.input, params.wasm, params.zkey)
  const t1 = performance.now()
  const verified = await snarkjs.groth16.verify(vk, publicSignals, proof)
  const t2 = performance.now()
  return { verified, publicSignals, proof, proveMs: Math.round(t1 - t0), verifyMs: Math.round(t2 - t1) }
}
