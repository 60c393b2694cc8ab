import { readFileSync } from 'node:fs'
import { WitnessCalculatorBuilder } from 'circom_runtime'
import type { CircuitInputs } from '../../protocol/index.ts'

interface WitnessCalculator {
  calculateWitness(input: Record<string, unknown>, sanityCheck: boolean): Promise<bigint[]>
}

/**
 * One calculator per circuit, reused: compiling the chunk circuit's WASM again in the same
 * process makes V8 optimize its large functions (the blob share's constant tables) first,
 * seconds per call on a loaded machine, where a reused instance answers in milliseconds.
 */
const calculators = new Map<string, Promise<WitnessCalculator>>()

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
  let calc = calculators.get(params.wasm)
  if (!calc) {
    calc = WitnessCalculatorBuilder(readFileSync(params.wasm)) as Promise<WitnessCalculator>
    calculators.set(params.wasm, calc)
  }
  const witness = await (await calc).calculateWitness(inputsToJson(params.inputs), true)
  return witness.map((v) => BigInt(v))
}
