import * as snarkjs from 'snarkjs'
import type { CircuitInputs } from '../../protocol/index.ts'

/** JSON-friendly circuit inputs: every bigint as a decimal string. */
export function inputsToJson(inputs: CircuitInputs): Record<string, unknown> {
  const conv = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(conv) : v)
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, conv(v)]))
}

/**
 * Computes the witness of the chunk circuit with its WASM calculator, which checks every
 * constraint as it goes: resolves to the witness when the inputs satisfy the circuit, rejects
 * with circom's message (template and line) when they do not.
 *
 * @example
 * ```ts
 * await chunkWitness({ wasm, inputs: chunkCircuitInputs(chunk) })
 * ```
 */
export async function chunkWitness(params: { wasm: string; inputs: CircuitInputs }): Promise<bigint[]> {
  const wtns = { type: 'mem' } as { type: 'mem'; data?: Uint8Array }
  await snarkjs.wtns.calculate(inputsToJson(params.inputs), params.wasm, wtns)
  const json = (await snarkjs.wtns.exportJson(wtns)) as bigint[]
  return json.map((v) => BigInt(v))
}
