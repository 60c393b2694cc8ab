import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RollupState, TEST_PARAMS, TX_TYPE, buildChunk, type Chunk } from '../protocol/index.ts'
import { testWorld } from '../protocol/transition/testWorld.ts'
import { ensureChunkKeys, type ChunkKeys } from '../circuits/testing/ensureChunkKeys.ts'
import { proveChunk } from './proveChunk.ts'
import { verifyChunkProof } from './verifyChunkProof.ts'
import { verifierCalldata } from './proof.ts'
import { startProverService, type ProofJob } from './proverService.ts'
import { ProverError } from './errors.ts'

const w = testWorld({ users: 3 })
let keys: ChunkKeys
let chunk: Chunk

beforeAll(async () => {
  keys = await ensureChunkKeys({ params: TEST_PARAMS })
  const state = new RollupState({ depth: TEST_PARAMS.depth })
  const c1 = buildChunk({ state, params: TEST_PARAMS, domain: w.domain, queue: { entries: [w.deposit({ user: 0, amount: 900n }), w.deposit({ user: 1, amount: 50n })], startHash: 0n }, txs: [], firstSeq: 0n, feeAccounts: [] })
  c1.state.commit()
  const tx = w.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 300n, fee: 1n, nonce: 0n })
  chunk = buildChunk({ state, params: TEST_PARAMS, domain: w.domain, queue: { entries: [], startHash: c1.newQueueHash }, txs: [tx], firstSeq: 0n, feeAccounts: [2n] })
}, 900_000)

afterAll(async () => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
})

describe('proveChunk', () => {
  it('proves a chunk in a child process, with the chunk public inputs, and the proof verifies off-chain', async () => {
    const p = await proveChunk({ chunk, wasm: keys.wasm, zkey: keys.zkey })
    expect(p.publicSignals).toEqual(chunk.publicInputs)
    console.log(`chunk proof (${TEST_PARAMS.nTx} L2 + ${TEST_PARAMS.nQueue} queue slots, depth ${TEST_PARAMS.depth}) in ${Math.round(p.proveMs)} ms`)
    expect(await verifyChunkProof({ vkey: keys.vkey, proof: p.proof, publicSignals: p.publicSignals })).toBe(true)
    // any public input changed: the proof no longer verifies
    for (const i of [0, 1, 4, 7]) {
      const changed = [...p.publicSignals]
      changed[i] = changed[i]! + 1n
      expect(await verifyChunkProof({ vkey: keys.vkey, proof: p.proof, publicSignals: changed })).toBe(false)
    }
    const cd = verifierCalldata(p.proof, p.publicSignals)
    expect(cd.input).toEqual(chunk.publicInputs)
    expect(cd.b[0][0]).toBe(BigInt(p.proof.pi_b[0]![1]!))
  }, 300_000)

  it('refuses a chunk whose witness does not satisfy the circuit, naming the failure', async () => {
    const bad = { ...chunk, publicInputs: [...chunk.publicInputs], newStateRoot: chunk.newStateRoot + 1n }
    bad.publicInputs[1] = bad.newStateRoot
    await expect(proveChunk({ chunk: bad, wasm: keys.wasm, zkey: keys.zkey })).rejects.toThrow(ProverError)
    await expect(proveChunk({ chunk: bad, wasm: keys.wasm, zkey: keys.zkey })).rejects.toThrow(/does not satisfy the circuit/)
  }, 120_000)
})

describe('the prover service', () => {
  it('proves what the source gives, submits it, retries after a failure, and stops cleanly', async () => {
    const jobs: ProofJob[] = [{ batch: 1n, chunkIndex: 0, chunk }, { batch: 1n, chunkIndex: 1, chunk }]
    const submitted: string[] = []
    let failOnce = true
    const logs: string[] = []
    const service = startProverService({
      source: { next: async () => jobs[0] },
      sink: {
        submit: async (job) => {
          if (failOnce) {
            failOnce = false
            throw new Error('L1 unavailable')
          }
          submitted.push(`${job.batch}:${job.chunkIndex}`)
          jobs.shift()
        },
      },
      wasm: keys.wasm,
      zkey: keys.zkey,
      pollMs: 20,
      // a fake prover keeps this test about the loop, not about snarkjs
      prove: async ({ chunk: c }) => ({ proof: { pi_a: [], pi_b: [], pi_c: [], protocol: 'groth16', curve: 'bn128' }, publicSignals: c.publicInputs, proveMs: 1 }),
      logger: { info: (_o, m) => logs.push(`info ${m}`), warn: (_o, m) => logs.push(`warn ${m}`), error: (_o, m) => logs.push(`error ${m}`) },
    })
    const deadline = Date.now() + 10_000
    while (submitted.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await service.stop()
    expect(submitted).toEqual(['1:0', '1:1'])
    expect(service.proven).toBe(2)
    expect(logs).toContain('error proving failed')
  })
})
