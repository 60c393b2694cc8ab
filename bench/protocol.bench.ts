/**
 * Protocol benchmarks: EdDSA verification and Poseidon against circomlibjs in the same run,
 * tree updates at depth 32, DA bytes per transfer, chunk building.
 */
import { buildEddsa, buildPoseidon } from 'circomlibjs'
import {
  PRODUCTION_PARAMS,
  RECORD_TYPE,
  RollupState,
  SparseMerkleTree,
  TX_TYPE,
  buildChunk,
  chunkLayout,
  derivePublicKey,
  encodeBatchElements,
  maxChunksPerBlob,
  poseidon,
  poseidon2,
  sign,
  verify,
  type ChunkData,
} from '../protocol/index.ts'
import { testWorld } from '../protocol/transition/testWorld.ts'
import { compareRates, measureRate, type BenchResult } from './result.ts'

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${value.toFixed(1)} ${unit}`)
  }

  // Poseidon, ours and circomlibjs's, same inputs, same process.
  const ref = await buildPoseidon()
  for (const n of [2, 5]) {
    const inputs = Array.from({ length: n }, (_, i) => 0x1234567n * BigInt(i + 3))
    const { a: ours, b: theirs } = compareRates({
      a: { fn: (i) => poseidon([BigInt(i), ...inputs.slice(1)]) },
      b: { fn: (i) => ref.F.toObject(ref([BigInt(i), ...inputs.slice(1)])) },
    })
    push(`poseidon${n}_ours`, ours, 'hashes/s')
    push(`poseidon${n}_circomlibjs`, theirs, 'hashes/s')
    push(`poseidon${n}_speedup`, ours / theirs, 'x')
  }

  // EdDSA-Poseidon verification: 64 keys, 512 signatures, verified round-robin (the keys get
  // hot: a sequencer sees the same senders again and again).
  const keys = Array.from({ length: 64 }, (_, i) => new Uint8Array(32).fill(i + 1))
  const pubs = keys.map((k) => derivePublicKey(k))
  const sigs = Array.from({ length: 512 }, (_, i) => ({ k: i % 64, m: BigInt(i) * 7919n, s: sign({ privateKey: keys[i % 64]!, message: BigInt(i) * 7919n }) }))
  const ours = measureRate({
    fn: (i) => {
      const x = sigs[i % sigs.length]!
      if (!verify({ publicKey: pubs[x.k]!, message: x.m, signature: x.s })) throw new Error('bench signature did not verify')
    },
  })
  const eddsa = await buildEddsa()
  const F = eddsa.babyJub.F
  const theirSigs = sigs.slice(0, 64).map((x) => ({ A: [F.e(pubs[x.k]!.x), F.e(pubs[x.k]!.y)], m: F.e(x.m), sig: { R8: [F.e(x.s.R8.x), F.e(x.s.R8.y)], S: x.s.S } }))
  const theirs = measureRate({
    fn: (i) => {
      const x = theirSigs[i % theirSigs.length]!
      if (!eddsa.verifyPoseidon(x.m, x.sig, x.A)) throw new Error('bench signature did not verify in circomlibjs')
    },
    minMs: 3000,
    warmup: 2,
  })
  // Keys never seen before: subgroup check and no window table (a sender's first transaction).
  const coldKeys = Array.from({ length: 150 }, (_, i) => new Uint8Array(32).fill(0).map((_, j) => (i * 31 + j * 7 + 101) & 0xff))
  const cold = coldKeys.map((k, i) => ({ A: derivePublicKey(k), m: BigInt(i), s: sign({ privateKey: k, message: BigInt(i) }) }))
  const coldStart = performance.now()
  for (const x of cold) if (!verify({ publicKey: x.A, message: x.m, signature: x.s })) throw new Error('cold signature did not verify')
  push('eddsa_verify_ours_first_use_of_key', (cold.length * 1000) / (performance.now() - coldStart), 'verifications/s')
  push('eddsa_verify_ours', ours, 'verifications/s')
  push('eddsa_verify_circomlibjs', theirs, 'verifications/s')
  push('eddsa_verify_speedup', ours / theirs, 'x')

  // Sparse tree updates at depth 32, on random-ish indices of a tree that already has 10k leaves.
  const tree = new SparseMerkleTree({ depth: 32 })
  for (let i = 1; i <= 10_000; i++) tree.set(BigInt(i), BigInt(i))
  push('tree_updates_depth32', measureRate({ fn: (i) => tree.set(BigInt((i * 7919) % 1_000_003), BigInt(i)) }), 'updates/s')
  push('poseidon2_per_update_depth32', 32, 'hashes')
  // A chunk's worth of writes hashed once per touched node (replay without witnesses), depth 24.
  const batchTree = new SparseMerkleTree({ depth: 24 })
  for (let i = 1; i <= 10_000; i++) batchTree.set(BigInt(i), BigInt(i))
  let round = 0
  push(
    'tree_batched_updates_depth24_128_leaves',
    measureRate({ fn: () => batchTree.setMany(Array.from({ length: 128 }, (_, k) => [BigInt(((round++ * 128 + k) * 7919) % 10_000) + 1n, BigInt(round)] as const)), opsPerCall: 128, warmup: 2 }),
    'updates/s',
  )


  // DA size of plain transfers at the production parameters (depth 24).
  const layout = chunkLayout(PRODUCTION_PARAMS)
  push('da_bytes_per_transfer_record', layout.recordBits / 8, 'bytes')
  const full: ChunkData = {
    queueCount: 0,
    feeAccounts: new Array(PRODUCTION_PARAMS.nFee).fill(1n),
    txs: Array.from({ length: PRODUCTION_PARAMS.nTx }, (_, i) => ({ type: RECORD_TYPE.TRANSFER, from: BigInt(i + 1), to: BigInt(i + 2), amount: 10n ** 15n, fee: 21n * 10n ** 12n })),
  }
  const chunks = maxChunksPerBlob(PRODUCTION_PARAMS)
  const elements = encodeBatchElements({ params: PRODUCTION_PARAMS, chunks: new Array(chunks).fill(full) })
  const transfers = chunks * PRODUCTION_PARAMS.nTx
  push('da_bytes_per_transfer_in_full_blob', (elements.length * 32) / transfers, 'bytes')
  push('da_transfers_per_blob', transfers, 'transfers')
  push('da_bytes_per_transfer_depth32', chunkLayout({ ...PRODUCTION_PARAMS, depth: 32 }).recordBits / 8, 'bytes')

  // Building chunks (signature checks, tree updates at depth 24, witnesses, commitments).
  const w = testWorld({ users: 16 })
  const state = new RollupState({ depth: 24 })
  const p = { ...PRODUCTION_PARAMS, nQueue: 16 }
  const seed = buildChunk({ state, params: p, domain: w.domain, queue: { entries: w.users.map((_, u) => w.deposit({ user: u, amount: 10n ** 18n })), startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [] })
  seed.state.commit()
  const nonces: bigint[] = new Array<bigint>(16).fill(0n)
  let built = 0
  const start = performance.now()
  for (let round = 0; round < 3; round++) {
    const txs = Array.from({ length: p.nTx }, (_, i) => {
      const u = i % 16
      return w.sign(u, { type: TX_TYPE.TRANSFER, from: BigInt(u + 1), to: BigInt(((u + 1) % 16) + 1), amount: 1000n, fee: 0n, nonce: nonces[u]!++ })
    })
    const c = buildChunk({ state, params: p, domain: w.domain, queue: { entries: [], startHash: seed.newQueueHash }, txs, firstSeq: 0n, feeAccounts: [] })
    c.state.commit()
    built += c.txCount
  }
  push('chunk_build_transfers_per_s_depth24', (built * 1000) / (performance.now() - start), 'transfers/s')
  return out
}
