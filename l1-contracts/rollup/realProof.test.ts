/**
 * The whole path on a real L1 (anvil, prague) with a real proof: deposits and a forced
 * withdrawal enter the queue (hashes checked against protocol/), the sequencer builds a chunk
 * with protocol's `buildChunk`, commits it with a real EIP-4844 blob (c-kzg) whose opening at
 * the challenge the point-evaluation precompile checks against the chunk's share, a real
 * Groth16 proof of the chunk circuit (which proves that share) is verified by the
 * snarkjs-generated verifier, the batch
 * finalizes, and both exits are claimed once. Also: the real verifier refuses every public
 * input changed or shifted by the field modulus.
 */
import * as snarkjs from 'snarkjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitmentToVersionedHash, bytesToHex, decodeErrorResult, decodeEventLog, encodeFunctionData, hexToBytes, parseEther, type Address, type Hex } from 'viem'
import {
  BLS_MODULUS,
  FIELD_MODULUS,
  bindBatchToBlob,
  bindChunkToBlob,
  blobChallenge,
  QUEUE_KIND,
  RollupState,
  TEST_PARAMS,
  TX_TYPE,
  buildChunk,
  chunkCircuitInputs,
  decodeBatchBlob,
  queueChain,
  type Chunk,
  type QueueEntry,
} from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { ensureChunkKeys } from '../../circuits/testing/ensureChunkKeys.ts'
import { inputsToJson } from '../../circuits/testing/chunkWitness.ts'
import { startAnvil, type Anvil } from '../../test/harness/anvil.ts'
import { counterweightRollupAbi, iChunkVerifierAbi } from '../abi/abis.ts'
import { deployRollup, type RollupDeployment } from '../deploy/deployRollup.ts'
import { ROLLUP_SETTINGS } from '../deploy/config.ts'
import { chunkClaims, publicInputsTuple, type ChunkClaim } from './claims.ts'
import { blobBatch, openBlob, type BlobBatch, type BlobOpening } from './blobOpening.ts'
import { contractProof, type ContractProof } from './proof.ts'
import { loadCKzg, sendBlobTransaction } from './blobTx.ts'
import { exitClaimArgs } from './exits.ts'
import { queueEntryFromEvent } from './events.ts'

const versionedHashOf = (p: { commitment: Uint8Array }): Hex => commitmentToVersionedHash({ commitment: bytesToHex(p.commitment), to: 'hex' })

const terminateCurve = async (): Promise<void> => {
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
}

describe('rollup with a real blob and a real proof', () => {
  let anvil: Anvil
  let d: RollupDeployment
  let built: Chunk
  let chunk: Chunk
  let batch: BlobBatch
  let proof: ContractProof
  let alice: Address
  let bob: Address
  let keys: { wasm: string; zkey: string; verifier: string }
  const world = testWorld({ users: 1 })

  beforeAll(async () => {
    const [k, a] = await Promise.all([ensureChunkKeys({ params: TEST_PARAMS }), startAnvil()])
    keys = k
    anvil = a
    alice = anvil.accounts[1]!.address
    bob = anvil.accounts[2]!.address
    d = await deployRollup({
      walletClient: anvil.walletClient,
      publicClient: anvil.publicClient,
      params: TEST_PARAMS,
      verifier: { kind: 'generated', solPath: keys.verifier },
      settings: ROLLUP_SETTINGS.test,
      bond: parseEther('1'),
    })
  }, 300_000)

  afterAll(async () => {
    await terminateCurve()
    await anvil?.stop()
  })

  const write = async (from: number, functionName: string, args: readonly unknown[], value = 0n) => {
    const hash = await anvil.walletClients[from]!.writeContract({ address: d.rollup, abi: counterweightRollupAbi, functionName, args, value } as never)
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    return receipt
  }

  it('queues a deposit and a forced withdrawal whose hashes match protocol/', async () => {
    const fee = await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'queueFee' })
    const key = world.users[0]!.publicKey
    await write(1, 'depositETH', [parseEther('1'), 0n, key.x, key.y], parseEther('1') + fee)
    await write(1, 'forcedWithdraw', [1n, parseEther('0.25')], fee)
    const logs = await anvil.publicClient.getContractEvents({ address: d.rollup, abi: counterweightRollupAbi, eventName: 'QueueEntryAdded', fromBlock: d.blockNumber })
    const got = logs.map((l) => queueEntryFromEvent(l.args))
    const expected: QueueEntry[] = [
      { kind: QUEUE_KIND.DEPOSIT, sender: BigInt(alice), toIndex: 0n, tokenId: 0n, amount: parseEther('1'), publicKey: key },
      { kind: QUEUE_KIND.FORCED_WITHDRAW, sender: BigInt(alice), from: 1n, amount: parseEther('0.25') },
    ]
    expect(got.map((g) => g.entry)).toEqual(expected)
    const chain = queueChain(expected)
    expect(got.map((g) => g.queueHash)).toEqual(chain)
    for (let n = 1; n <= 2; n++) {
      expect(await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'queueHashAt', args: [BigInt(n)] })).toBe(chain[n - 1])
    }

    // The sequencer builds the chunk: both entries, then bob's withdrawal signed by alice's L2 key.
    // Same key (same private key), signed for this deployment's domain.
    const here = testWorld({ users: 1, chainId: BigInt(d.chainId), rollupAddress: BigInt(d.rollup) })
    expect(here.domain).toBe(d.domain)
    const signed = here.sign(0, { type: TX_TYPE.WITHDRAW, from: 1n, recipient: BigInt(bob), amount: parseEther('0.1'), fee: 0n, nonce: 0n })
    built = buildChunk({ state: new RollupState({ depth: TEST_PARAMS.depth }), params: TEST_PARAMS, domain: d.domain, queue: { entries: expected, startHash: 0n }, txs: [signed], firstSeq: 0n, feeAccounts: [] })
    // bound to the batch's blob: index 0, the challenge, its share
    batch = blobBatch({ params: TEST_PARAMS, chunks: [built] })
    chunk = batch.chunks[0]!
    expect(chunk.publicInputs.slice(0, 8)).toEqual(built.publicInputs.slice(0, 8))
    expect(chunk.queueOutcomes.map((o) => o.status)).toEqual(['applied', 'applied'])
    expect(chunk.txOutcomes.map((o) => o.status)).toEqual(['included'])
    expect(chunk.exits.map((e) => [e.position, e.amount])).toEqual([
      [1, parseEther('0.25')],
      [2, parseEther('0.1')],
    ])
  })

  it('proves the chunk with the real circuit', async () => {
    const started = Date.now()
    const { proof: p, publicSignals } = await snarkjs.groth16.fullProve(inputsToJson(chunkCircuitInputs(chunk)) as never, keys.wasm, keys.zkey)
    await terminateCurve()
    console.log(`real chunk proof (TEST_PARAMS) in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    expect(publicSignals.map((s: string) => BigInt(s))).toEqual(chunk.publicInputs)
    proof = contractProof(p as never)
  }, 180_000)

  it('the generated verifier accepts it, and refuses any public input changed or shifted by p', async () => {
    const verify = (inputs: readonly bigint[]) =>
      anvil.publicClient.readContract({ address: d.verifier, abi: iChunkVerifierAbi, functionName: 'verifyProof', args: [proof.a, proof.b, proof.c, publicInputsTuple(inputs)] })
    expect(await verify(chunk.publicInputs)).toBe(true)
    for (let i = 0; i < chunk.publicInputs.length; i++) {
      const changed = [...chunk.publicInputs]
      changed[i] = (changed[i]! + 1n) % FIELD_MODULUS
      expect(await verify(changed), `input ${i} + 1`).toBe(false)
      const shifted = [...chunk.publicInputs]
      shifted[i] = shifted[i]! + FIELD_MODULUS
      expect(await verify(shifted), `input ${i} + p`).toBe(false)
    }
  })

  it('refuses a blob that differs from the proven data in one byte, a share off by r, an opening at a challenge from other data', async () => {
    const claims = chunkClaims({ chunks: [chunk], queueStart: 0n })
    // eth_call with the blob's versioned hash (what blobhash(0) answers); the error's name
    const commitCall = async (blob: Uint8Array, c: readonly ChunkClaim[], opening: BlobOpening): Promise<string> => {
      const data = encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [c, opening] })
      const blobVersionedHashes = [versionedHashOf({ commitment: loadCKzg().blobToKzgCommitment(blob) })]
      try {
        await anvil.publicClient.request({ method: 'eth_call', params: [{ from: anvil.accounts[0]!.address, to: d.rollup, data, blobVersionedHashes, maxFeePerBlobGas: '0x3b9aca00' }, 'latest'] } as never)
        return 'ok'
      } catch (e) {
        const raw = (e as { cause?: { data?: Hex }; data?: Hex }).cause?.data ?? (e as { data?: Hex }).data
        if (!raw) throw e
        return decodeErrorResult({ abi: counterweightRollupAbi, data: raw }).errorName
      }
    }
    // the honest commit would pass
    expect(await commitCall(batch.blob, claims, batch.opening)).toBe('ok')
    // one byte of the blob changed (element 1 = the chunk's first data element): opened honestly
    // at its own challenge, with the shares of the proven data there
    const other = batch.blob.slice()
    other[32 + 31] = other[32 + 31]! ^ 1
    const otherHash = hexToBytes(versionedHashOf({ commitment: loadCKzg().blobToKzgCommitment(other) }))
    const atOther = bindBatchToBlob({ chunks: [built], versionedHash: otherHash })
    const otherZ = blobChallenge({ versionedHash: otherHash, dataCommitments: [built.dataCommitment] })
    expect(await commitCall(other, chunkClaims({ chunks: atOther, queueStart: 0n }), openBlob({ blob: other, z: otherZ }))).toBe('BlobSharesMismatch')
    // the share plus the modulus (same residue) is refused
    expect(await commitCall(batch.blob, [{ ...claims[0]!, blobShare: claims[0]!.blobShare + BLS_MODULUS }], batch.opening)).toBe('BlobShareOutOfField')
    // a challenge computed from other data commitments: opened and shared there, refused
    const wrongZ = blobChallenge({ versionedHash: hexToBytes(batch.versionedHash), dataCommitments: [built.dataCommitment + 1n] })
    const wrongShares = [bindChunkToBlob({ chunk: built, index: 0, z: wrongZ })]
    expect(await commitCall(batch.blob, chunkClaims({ chunks: wrongShares, queueStart: 0n }), openBlob({ blob: batch.blob, z: wrongZ }))).toBe('BlobOpeningInvalid')
  })

  it('commits a real blob, proves, finalizes and pays both exits once', async () => {
    const blob = batch.blob
    const claims = chunkClaims({ chunks: [chunk], queueStart: 0n })
    const commit = await sendBlobTransaction({
      walletClient: anvil.walletClient,
      publicClient: anvil.publicClient,
      to: d.rollup,
      data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [claims, batch.opening] }),
      blob,
    })
    console.log(`commit gas (one chunk, with the blob equivalence check): ${commit.gasUsed}`)
    expect(commit.status).toBe('success')
    const tx = await anvil.publicClient.getTransaction({ hash: commit.transactionHash })
    const versionedHash = tx.blobVersionedHashes![0]! as Hex
    const events = commit.logs.map((l) => decodeEventLog({ abi: counterweightRollupAbi, data: l.data, topics: l.topics }))
    const committed = events.find((e) => e.eventName === 'BatchCommitted')!.args as { dataHash: Hex; batch: bigint }
    expect(committed.dataHash).toBe(versionedHash)
    const chunkEvent = events.find((e) => e.eventName === 'ChunkCommitted')!.args as { publicInputs: readonly bigint[] }
    expect([...chunkEvent.publicInputs]).toEqual(chunk.publicInputs)
    // The blob can be read back from L1 and decodes to the chunk's data.
    const stored = (await anvil.publicClient.request({ method: 'anvil_getBlobByHash', params: [versionedHash] } as never)) as Hex
    expect(decodeBatchBlob({ params: TEST_PARAMS, blob: Buffer.from(stored.slice(2), 'hex') })).toEqual([chunk.data])

    // A proof with changed inputs is refused; the real one is accepted once.
    const wrong = [...chunk.publicInputs]
    wrong[1] = wrong[1]! + 1n
    await expect(
      anvil.publicClient.simulateContract({ account: anvil.accounts[3]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'prove', args: [1n, 0n, publicInputsTuple(wrong), proof] }),
    ).rejects.toThrow(/PublicInputsMismatch/)
    const proved = await write(3, 'prove', [1n, 0n, publicInputsTuple(chunk.publicInputs), proof])
    console.log(`prove gas (real verifier): ${proved.gasUsed}`)
    await expect(
      anvil.publicClient.simulateContract({ account: anvil.accounts[3]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'prove', args: [1n, 0n, publicInputsTuple(chunk.publicInputs), proof] }),
    ).rejects.toThrow(/ChunkAlreadyProven/)
    await write(4, 'finalize', [1n])
    expect(await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'lastFinalizedStateRoot' })).toBe(chunk.newStateRoot)

    const aliceBefore = await anvil.publicClient.getBalance({ address: alice })
    const bobBefore = await anvil.publicClient.getBalance({ address: bob })
    // Claims sent by a third account pay the recipients the leaves name.
    await write(5, 'claimExit', exitClaimArgs({ chunk, batch: 1n, chunkIndex: 0n, position: 1 }))
    await write(5, 'claimExit', exitClaimArgs({ chunk, batch: 1n, chunkIndex: 0n, position: 2 }))
    expect(await anvil.publicClient.getBalance({ address: alice })).toBe(aliceBefore + parseEther('0.25'))
    expect(await anvil.publicClient.getBalance({ address: bob })).toBe(bobBefore + parseEther('0.1'))
    await expect(
      anvil.publicClient.simulateContract({ account: anvil.accounts[5]!, address: d.rollup, abi: counterweightRollupAbi, functionName: 'claimExit', args: exitClaimArgs({ chunk, batch: 1n, chunkIndex: 0n, position: 2 }) }),
    ).rejects.toThrow(/ExitAlreadyClaimed/)
    expect(await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'custody', args: [0n] })).toBe(parseEther('0.65'))
  })
})
