/**
 * The real path on anvil: a rollup deployed with the snarkjs-generated verifier of the TEST
 * circuit, a blob batch committed by the sequencer, and the prover connected from its
 * configuration alone (L1 URL, rollup, deployment block, key, circuit files): the L1 job source
 * rebuilds the chunk from L1 data, a real Groth16 proof is made in a child process, verified
 * off-chain, accepted by the generated verifier in `prove`, and the batch is finalized. The one
 * real-proof test of the prover (a TEST chunk proof takes tens of seconds on a loaded machine);
 * it prints the figures (witness, proof, CPU, off-chain verification, gas).
 */
import { createPublicClient, createWalletClient, encodeFunctionData, http, parseEther, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureChunkKeys, type ChunkKeys } from '../../circuits/index.ts'
import { ROLLUP_SETTINGS, batchBlob, chunkClaims, counterweightRollupAbi, deployRollup, sendBlobTransaction, type RollupDeployment } from '../../l1-contracts/index.ts'
import { FIRST_SEQUENCE, QUEUE_KIND, RollupState, TEST_PARAMS, buildChunk, type Chunk } from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import type { ChunkProof } from '../proveChunk.ts'
import { startProverService, type ServiceLogger } from '../proverService.ts'
import { connectProverL1 } from '../startProverProcess.ts'
import { verifyChunkProof } from '../verifyChunkProof.ts'
import { l1ProofJobSource } from './l1ProofJobSource.ts'
import { l1ProofSink } from './l1ProofSink.ts'

describe('prover on L1 with a real proof (generated verifier)', () => {
  let anvil: Anvil
  let keys: ChunkKeys
  let d: RollupDeployment
  let chunk: Chunk

  beforeAll(async () => {
    ;[keys, anvil] = await Promise.all([ensureChunkKeys({ params: TEST_PARAMS }), startAnvil()])
    d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'generated', solPath: keys.verifier }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
  }, 300_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('proves a committed blob batch read from L1, the generated verifier accepts it, and the batch finalizes', async () => {
    // two deposits, committed by the sequencer in one blob batch of one chunk
    const world = testWorld({ users: 2, chainId: BigInt(d.chainId), rollupAddress: BigInt(d.rollup) })
    const fee = await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'queueFee' })
    const entries = []
    for (const u of [0, 1]) {
      const key = world.users[u]!.publicKey
      const hash = await anvil.walletClients[u + 1]!.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'depositETH', args: [parseEther('1'), 0n, key.x, key.y], value: parseEther('1') + fee })
      expect((await anvil.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
      entries.push({ kind: QUEUE_KIND.DEPOSIT, sender: BigInt(anvil.accounts[u + 1]!.address), toIndex: 0n, tokenId: 0n, amount: parseEther('1'), publicKey: key } as const)
    }
    chunk = buildChunk({ state: new RollupState({ depth: TEST_PARAMS.depth }), params: TEST_PARAMS, domain: d.domain, queue: { entries, startHash: 0n }, txs: [], firstSeq: FIRST_SEQUENCE, feeAccounts: [] })
    // anvil may take more than viem's default 10 s to accept the first blob on a loaded machine
    const slow = http(anvil.rpcUrl, { timeout: 120_000 })
    const commit = await sendBlobTransaction({
      walletClient: createWalletClient({ account: anvil.accounts[0]!, chain: anvil.chain, transport: slow }),
      publicClient: createPublicClient({ chain: anvil.chain, transport: slow }),
      to: d.rollup,
      data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [chunkClaims({ chunks: [chunk], queueStart: 0n })] }),
      blob: batchBlob({ params: TEST_PARAMS, chunks: [chunk.data] }),
    })
    expect(commit.status).toBe('success')

    // the prover: from its configuration only
    const logs: { msg: string; obj: Record<string, unknown> }[] = []
    const push = (level: string) => (obj: object, msg?: string) => logs.push({ msg: `${level === 'info' ? '' : `${level} `}${msg ?? ''}`, obj: obj as Record<string, unknown> })
    const logger: ServiceLogger = { info: push('info'), warn: push('warn'), error: push('error') }
    const l1 = await connectProverL1({
      config: {
        l1RpcUrl: anvil.rpcUrl,
        rollup: d.rollup,
        deploymentBlock: d.blockNumber,
        privateKey: toHex(anvil.accounts[6]!.getHdKey().privateKey!),
        proofs: { kind: 'groth16', wasm: keys.wasm, zkey: keys.zkey },
        pollMs: 200,
        confirmations: 0n,
        storePath: ':memory:',
        blobArchive: undefined,
        beaconUrl: undefined,
        sequencerUrl: undefined,
        logLevel: 'info',
      },
      logger,
    })
    expect(l1.system.kind).toBe('groth16')
    const source = l1ProofJobSource({ node: l1.node, rollup: l1.rollup, logger })
    const sink = l1ProofSink({ rollup: l1.rollup, system: l1.system, logger })
    const proofs: ChunkProof[] = []
    const service = startProverService({
      source,
      sink,
      wasm: l1.system.wasm,
      zkey: l1.system.zkey,
      logger,
      pollMs: 200,
      progressMs: 10_000,
      prove: async (p) => {
        const proof = await l1.system.prove(p)
        proofs.push(proof)
        return proof
      },
    })
    const deadline = Date.now() + 170_000
    let finalized = 0n
    while (finalized < 1n && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500))
      finalized = (await l1.rollup.heads()).finalizedBatches
    }
    await service.stop()
    await l1.node.close()

    expect(finalized).toBe(1n)
    expect(await l1.rollup.read('lastFinalizedStateRoot')).toBe(chunk.newStateRoot)
    expect(proofs).toHaveLength(1)
    expect(proofs[0]!.publicSignals).toEqual(chunk.publicInputs)
    expect(sink.outcomes).toEqual([{ batch: 1n, chunk: 0, outcome: 'proven', gasUsed: expect.any(BigInt) }])
    const verifyStarted = performance.now()
    expect(await verifyChunkProof({ vkey: keys.vkey, proof: proofs[0]!.proof, publicSignals: proofs[0]!.publicSignals })).toBe(true)
    const verifyMs = performance.now() - verifyStarted
    const finalizeGas = logs.find((l) => l.msg === 'batch finalized')?.obj.gasUsed
    const p = proofs[0]!
    console.log(
      `real path (TEST_PARAMS, loaded 2-core machine): witness ${Math.round(p.witnessMs ?? 0)} ms, witness+proof ${Math.round(p.proveMs)} ms, prover CPU ${Math.round(p.cpuMs ?? 0)} ms, peak RSS ${Math.round((p.peakRssBytes ?? 0) / 2 ** 20)} MiB; ` +
        `off-chain verify ${Math.round(verifyMs)} ms; prove gas ${sink.outcomes[0]!.gasUsed}, finalize gas ${finalizeGas}; progress lines: ${logs.filter((l) => l.msg === 'still proving').length}`,
    )
  }, 200_000)
})
