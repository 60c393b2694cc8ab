import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BITS, FLOAT, QUEUE_KIND, RECORD_TYPE, RECORD_TYPE_BITS, TX_TYPE, chunkLayout, type ChunkParams, PUBLIC_INPUT_NAMES } from '../../protocol/index.ts'

/**
 * The circom text of `constants.circom`: every protocol constant the circuit sources use, as
 * circom functions, generated from `protocol/` so that no number is typed twice.
 *
 * @example
 * ```ts
 * constantsCircom() // 'function AMOUNT_BITS() { return 128; }\n...'
 * ```
 */
export function constantsCircom(): string {
  const fns: [string, number][] = [
    ['AMOUNT_BITS', BITS.AMOUNT],
    ['INDEX_BITS', BITS.INDEX],
    ['TOKEN_BITS', BITS.TOKEN],
    ['NONCE_BITS', BITS.NONCE],
    ['ADDRESS_BITS', BITS.ADDRESS],
    ['TAG_BITS', BITS.TAG],
    ['RECORD_TYPE_BITS', RECORD_TYPE_BITS],
    ['AMOUNT_EXP_BITS', FLOAT.AMOUNT.exponentBits],
    ['AMOUNT_MAN_BITS', FLOAT.AMOUNT.mantissaBits],
    ['FEE_EXP_BITS', FLOAT.FEE.exponentBits],
    ['FEE_MAN_BITS', FLOAT.FEE.mantissaBits],
    ...Object.entries(RECORD_TYPE).map(([k, v]) => [`RECORD_${k}`, v] as [string, number]),
    ...Object.entries(TX_TYPE).map(([k, v]) => [`TX_${k}`, v] as [string, number]),
    ...Object.entries(QUEUE_KIND).map(([k, v]) => [`KIND_${k}`, v] as [string, number]),
  ]
  return [
    '// Generated from protocol/ by circuits/generate/chunkCircuitSources.ts. Do not edit.',
    'pragma circom 2.1.0;',
    '',
    ...fns.map(([name, value]) => `function ${name}() { return ${value}; }`),
    '',
  ].join('\n')
}

/**
 * The circom text of the main component for one parameter set: `ChunkTransition` with the
 * layout numbers of `chunkLayout(params)` and the public inputs in protocol order.
 *
 * @example
 * ```ts
 * chunkMainCircom(TEST_PARAMS) // 'component main {public [oldStateRoot, ...]} = ChunkTransition(8, 4, ...);'
 * ```
 */
export function chunkMainCircom(params: ChunkParams): string {
  const l = chunkLayout(params)
  const args = [
    params.depth,
    params.nTx,
    params.nQueue,
    params.nFee,
    l.recordBits - RECORD_TYPE_BITS,
    l.extensionRecords,
    l.queueCountBits,
    l.chunkElements,
    l.exitDepth,
    l.txListDepth,
  ]
  return [
    '// Generated from protocol/ by circuits/generate/chunkCircuitSources.ts. Do not edit.',
    'pragma circom 2.1.0;',
    '',
    'include "chunk_transition.circom";',
    '',
    `component main {public [${PUBLIC_INPUT_NAMES.join(', ')}]} = ChunkTransition(${args.join(', ')});`,
    '',
  ].join('\n')
}

/**
 * A short name for a parameter set, used for build folders: `chunk_d8_t4_q2_f2`.
 *
 * @example
 * ```ts
 * circuitName(TEST_PARAMS) // 'chunk_d8_t4_q2_f2'
 * ```
 */
export function circuitName(params: ChunkParams): string {
  return `chunk_d${params.depth}_t${params.nTx}_q${params.nQueue}_f${params.nFee}`
}

/**
 * Writes `main.circom` and `constants.circom` for `params` into `<outDir>/<circuitName>/` and
 * returns that folder and the main file, relative to the repository root (circom2 only sees
 * files below its working directory, so it runs from the root).
 *
 * @example
 * ```ts
 * const { dir, main } = writeChunkCircuitSources({ params: TEST_PARAMS, outDir: 'build/circuits' })
 * ```
 */
export function writeChunkCircuitSources(params: { params: ChunkParams; outDir: string }): { dir: string; main: string; name: string } {
  const name = circuitName(params.params)
  const dir = join(params.outDir, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'constants.circom'), constantsCircom())
  const main = join(dir, 'main.circom')
  writeFileSync(main, chunkMainCircom(params.params))
  return { dir, main, name }
}
