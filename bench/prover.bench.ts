/**
 * Prover benchmarks: constraints per slot type (at depth 24 and 32), what the blob
 * equivalence (`BlobShare`) adds per chunk and per transfer slot at the devnet and production
 * parameters (with and without it: the tx slot alone, and the tx slot plus its part of the
 * chunk's share), constraints per chunk, proving
 * time and constraints per second of our prover against plain snarkjs on a reference circuit
 * of similar size in the same run, peak memory, and the development setup time.
 *
 * It also prints where a transfer slot's constraints go (`treeBounds`): Poseidon of 2, 4 and 8
 * inputs and circomlib's EdDSA verifier compiled alone, the Merkle cost per tree level measured
 * between depths 24 and 32, and from those the least a depth-32 transfer slot can cost with a
 * binary tree (four paths: sender and receiver, old and new) and with 4- or 8-ary trees, and
 * the transfer slot measured with its two binary leaf updates swapped for 8-ary ones
 * (`bench/circuits/leafUpdate.circom`, bench only: protocol.md fixes a binary tree).
 *
 * BENCH_PROVER_PARAMS=devnet proves at the devnet parameters (minutes); the default is the
 * test parameters.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as snarkjs from 'snarkjs'
import { DEVNET_PARAMS, PRODUCTION_PARAMS, RollupState, TEST_PARAMS, TX_TYPE, buildChunk, type ChunkParams } from '../protocol/index.ts'
import { testWorld } from '../protocol/transition/testWorld.ts'
import { compileCircuit, devSetup, readR1cs } from '../circuits/build/index.ts'
import { writeBlobShareCircuitSources, writeSlotCircuitSources, type SlotKind } from '../circuits/generate/chunkCircuitSources.ts'
import { ensureChunkKeys } from '../circuits/testing/ensureChunkKeys.ts'
import { proveChunk } from '../prover/index.ts'
import type { BenchResult } from './result.ts'

const quiet = { info: () => {}, warn: () => {}, debug: () => {} }

async function constraintsOf(main: string, outDir: string, includes: string[]): Promise<number> {
  const c = await compileCircuit({ main, outDir, includePaths: includes, inspect: false, logger: quiet } as Parameters<typeof compileCircuit>[0])
  return readR1cs(c.r1cs).header.nConstraints
}

/**
 * Lower bounds for a depth-32 transfer slot by tree arity, from components compiled alone and
 * the slot's measured per-level Merkle cost.
 *
 * @example
 * ```ts
 * await treeBounds({ outDir: 'build/bench-prover', tx24: 30396, tx32: 38156, push })
 * ```
 */
export async function treeBounds(p: { outDir: string; tx24: number; tx32: number; push: (name: string, value: number, unit: string) => void }): Promise<void> {
  const dir = join(p.outDir, 'components')
  mkdirSync(dir, { recursive: true })
  const alone = async (name: string, include: string, template: string): Promise<number> => {
    const main = join(dir, `${name}.circom`)
    writeFileSync(main, `pragma circom 2.1.0;\ninclude "circomlib/circuits/${include}.circom";\ncomponent main = ${template};\n`)
    return constraintsOf(main, dir, ['node_modules'])
  }
  const p2 = await alone('poseidon2', 'poseidon', 'Poseidon(2)')
  const p4 = await alone('poseidon4', 'poseidon', 'Poseidon(4)')
  const p8 = await alone('poseidon8', 'poseidon', 'Poseidon(8)')
  const eddsa = await alone('eddsa', 'eddsaposeidon', 'EdDSAPoseidonVerifier()')
  const perLevel = (p.tx32 - p.tx24) / 8
  const rest = p.tx32 - 32 * perLevel
  p.push('constraints_poseidon2', p2, 'constraints (circomlib, alone)')
  p.push('constraints_poseidon4', p4, 'constraints (circomlib, alone)')
  p.push('constraints_poseidon8', p8, 'constraints (circomlib, alone)')
  p.push('constraints_eddsa_verifier', eddsa, 'constraints (circomlib EdDSAPoseidonVerifier)')
  p.push('tx_slot_merkle_per_level', perLevel, `constraints (4 paths; 4 x Poseidon(2) = ${4 * p2})`)
  p.push('tx_slot_besides_tree_depth32', rest, 'constraints (signature, leaves, checks, DA)')
  p.push('tx_slot_depth32_binary_tree_paths_alone', 4 * 32 * p2, 'constraints (target for the whole slot: 25,000)')
  p.push('tx_slot_depth32_4ary_lower_bound', rest + 4 * 16 * p4, 'constraints (without child selection)')
  p.push('tx_slot_depth32_8ary_lower_bound', rest + 4 * 11 * p8, 'constraints (33 bits, without child selection)')
  // Measured, not bounded: one leaf update (old root checked, new root computed, index bits)
  // in the binary tree and in an 8-ary tree with its child selection (bench/circuits/), and
  // the transfer slot with its two leaf updates swapped.
  const update = async (name: string, template: string): Promise<number> => {
    const main = join(dir, `${name}.circom`)
    writeFileSync(main, `pragma circom 2.1.0;\ninclude "leafUpdate.circom";\ncomponent main = ${template};\n`)
    return constraintsOf(main, dir, ['bench/circuits', 'circuits/src', 'node_modules'])
  }
  const binary = await update('leaf_update_binary_32', 'LeafUpdate2(32)')
  const octal = await update('leaf_update_8ary_33', 'LeafUpdate8(11)')
  p.push('leaf_update_binary_depth32', binary, 'constraints (old root + new root + index bits; a transfer does 2)')
  p.push('leaf_update_8ary_33bits', octal, 'constraints (11 levels of Poseidon(8) with child selection)')
  p.push('tx_slot_depth32_with_8ary_tree', p.tx32 - 2 * binary + 2 * octal, 'constraints (measured slot, its 2 leaf updates swapped; target 25,000)')
}

/** A chunk with every L2 slot used by transfers (the common case). */
function busyChunk(params: ChunkParams) {
  const w = testWorld({ users: 8 })
  const state = new RollupState({ depth: params.depth })
  let queueHash = 0n
  for (let u = 0; u < 8; u += params.nQueue) {
    const entries = Array.from({ length: Math.min(params.nQueue, 8 - u) }, (_, k) => w.deposit({ user: u + k, amount: 10n ** 18n }))
    const c = buildChunk({ state, params, domain: w.domain, queue: { entries, startHash: queueHash }, txs: [], firstSeq: 0n, feeAccounts: [] })
    c.state.commit()
    queueHash = c.newQueueHash
  }
  const txs = Array.from({ length: params.nTx }, (_, i) => w.sign(i % 8, { type: TX_TYPE.TRANSFER, from: BigInt((i % 8) + 1), to: BigInt(((i + 1) % 8) + 1), amount: 1000n, fee: 10n, nonce: BigInt(Math.floor(i / 8)) }))
  return buildChunk({ state, params, domain: w.domain, queue: { entries: [], startHash: queueHash }, txs, firstSeq: 0n, feeAccounts: [1n] })
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${value.toFixed(1)} ${unit}`)
  }
  const params = process.env.BENCH_PROVER_PARAMS === 'devnet' ? DEVNET_PARAMS : TEST_PARAMS
  const outDir = join('build', 'bench-prover')
  mkdirSync(outDir, { recursive: true })

  // Constraints per slot type.
  const slots = new Map<string, number>()
  for (const depth of [24, 32]) {
    for (const kind of ['tx', 'queue', 'fee'] as SlotKind[]) {
      const { main, dir } = writeSlotCircuitSources({ kind, depth, nFee: 2, outDir })
      const n = await constraintsOf(main, dir, ['circuits/src', dir, 'node_modules'])
      slots.set(`${kind}${depth}`, n)
      push(`constraints_${kind}_slot_depth${depth}`, n, 'constraints')
    }
  }

  await treeBounds({ outDir, tx24: slots.get('tx24')!, tx32: slots.get('tx32')!, push })

  // The blob equivalence: BlobShare alone per chunk, and per transfer slot (its constraints
  // over the chunk's nTx slots) against a depth-24 transfer slot without it.
  const txSlot = slots.get('tx24')!
  for (const [name, p] of [['devnet', DEVNET_PARAMS], ['production', PRODUCTION_PARAMS]] as const) {
    const { main, dir } = writeBlobShareCircuitSources({ params: p, outDir })
    const share = await constraintsOf(main, dir, ['circuits/src', dir, 'node_modules'])
    push(`constraints_blob_share_per_chunk_${name}`, share, `constraints (${p.nTx} L2 slots per chunk)`)
    push(`constraints_blob_share_per_tx_slot_${name}`, share / p.nTx, 'constraints')
    push(`constraints_tx_slot_depth24_with_blob_share_${name}`, txSlot + share / p.nTx, `constraints (without: ${txSlot})`)
    push(`blob_share_overhead_per_tx_slot_${name}`, (100 * share) / p.nTx / txSlot, '% (target <= 10)')
  }

  // The chunk circuit and its keys.
  const keys = await ensureChunkKeys({ params, log: () => {} })
  const chunkConstraints = readR1cs(keys.r1cs).header.nConstraints
  push('constraints_per_chunk', chunkConstraints, 'constraints')
  push('chunk_l2_slots', params.nTx, 'slots')

  // Development setup time, measured afresh on the chunk circuit.
  const t0 = Date.now()
  await devSetup({ r1cs: keys.r1cs, zkey: join(outDir, 'chunk.bench.zkey'), logger: quiet } as Parameters<typeof devSetup>[0])
  push('dev_setup_seconds', (Date.now() - t0) / 1000, 's')

  // Our prover and plain snarkjs (`fullProve` in this process) on a Poseidon chain of about the
  // same size, alternated, best of each: the machine's other load hits both alike. CPU time
  // (every thread and process each one ran) is printed too: a loaded machine does not inflate it.
  const chunk = busyChunk(params)
  const n = Math.max(1, Math.round(chunkConstraints / 240))
  const refDir = join(outDir, 'reference')
  mkdirSync(refDir, { recursive: true })
  const refMain = join(refDir, 'reference.circom')
  writeFileSync(refMain, `pragma circom 2.1.0;\ninclude "poseidon_chain.circom";\ncomponent main {public [seed]} = PoseidonChain(${n}, 0);\n`)
  const ref = await compileCircuit({ main: refMain, outDir: refDir, includePaths: ['circuits/test-fixtures', 'node_modules'], inspect: false, logger: quiet } as Parameters<typeof compileCircuit>[0])
  const refConstraints = readR1cs(ref.r1cs).header.nConstraints
  const refZkey = join(refDir, 'reference.zkey')
  await devSetup({ r1cs: ref.r1cs, zkey: refZkey, logger: quiet } as Parameters<typeof devSetup>[0])
  let oursMs = Infinity
  let oursCpuMs = Infinity
  let witnessMs = Infinity
  let refMs = Infinity
  let refCpuMs = Infinity
  let peak = 0
  const rounds = Number(process.env.BENCH_PROVER_ROUNDS ?? 3)
  for (let round = 0; round < rounds; round++) {
    const ours = await proveChunk({ chunk, wasm: keys.wasm, zkey: keys.zkey })
    oursMs = Math.min(oursMs, ours.proveMs)
    oursCpuMs = Math.min(oursCpuMs, ours.cpuMs ?? Infinity)
    witnessMs = Math.min(witnessMs, ours.witnessMs ?? Infinity)
    peak = Math.max(peak, ours.peakRssBytes ?? 0)
    const c0 = process.cpuUsage()
    const r0 = performance.now()
    await snarkjs.groth16.fullProve({ seed: '1', salt: String(round + 2) }, ref.wasm, refZkey)
    refMs = Math.min(refMs, performance.now() - r0)
    const c1 = process.cpuUsage(c0)
    refCpuMs = Math.min(refCpuMs, (c1.user + c1.system) / 1000)
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
    console.log(`  round ${round + 1}/${rounds}: ours ${(ours.proveMs / 1000).toFixed(2)} s (CPU ${((ours.cpuMs ?? 0) / 1000).toFixed(2)} s), plain snarkjs ${((performance.now() - r0) / 1000).toFixed(2)} s (CPU ${((c1.user + c1.system) / 1000 / 1000).toFixed(2)} s)`)
  }
  push('prove_seconds', oursMs / 1000, 's')
  if (Number.isFinite(witnessMs)) push('prove_witness_seconds', witnessMs / 1000, 's (part of prove_seconds)')
  push('prove_constraints_per_second', chunkConstraints / (oursMs / 1000), 'constraints/s')
  if (peak) push('prove_peak_memory', peak / 2 ** 20, 'MiB')
  push('reference_constraints', refConstraints, 'constraints')
  push('reference_snarkjs_constraints_per_second', refConstraints / (refMs / 1000), 'constraints/s')
  push('prove_rate_vs_plain_snarkjs', chunkConstraints / (oursMs / 1000) / (refConstraints / (refMs / 1000)), 'ratio (wall time, target >= 0.9)')
  if (Number.isFinite(oursCpuMs)) {
    push('prove_cpu_seconds', oursCpuMs / 1000, 's (all threads and processes)')
    push('reference_snarkjs_cpu_seconds', refCpuMs / 1000, 's (all threads)')
    push('prove_rate_vs_plain_snarkjs_cpu', chunkConstraints / oursCpuMs / (refConstraints / refCpuMs), 'ratio (CPU time)')
  }
  return out
}
