/**
 * L1 gas of the rollup contracts, as transaction gas (receipt `gasUsed`: execution plus the
 * 21,000 intrinsic gas and calldata), on anvil (prague, EIP-170 size limit):
 *
 * - queue operations (mean of two consecutive calls: entries share a metadata slot by pairs);
 * - commit with a blob: fixed per blob and per chunk (fitted from 1- and 32-chunk batches,
 *   with and without queue entries), and the calldata fallback per chunk at production size;
 * - prove per chunk with the real snarkjs-generated verifier and a real proof of a
 *   TEST_PARAMS chunk (the verifier's cost depends only on the 11 public inputs, not on the
 *   circuit size, so it is the production figure too); finalize fixed and per chunk;
 * - claim (exit depth 7, production), escape withdrawal (account depth 24), deposit refund;
 * - the total per chunk (commit + prove + finalize; target <= 350,000) and the L1 gas per
 *   transfer over a full blob of PRODUCTION_PARAMS chunks: `maxChunksPerBlob` chunks of `nTx`
 *   transfers each, paying the fixed blob commit and finalize once.
 *
 * Commit, finalize, claim and escape are measured on a PRODUCTION_PARAMS rollup with the
 * INSECURE mock verifier (their cost does not depend on the verifier); prove on a
 * TEST_PARAMS rollup with the real one.
 */
import * as snarkjs from 'snarkjs'
import { bytesToHex, commitmentToVersionedHash, decodeEventLog, encodeFunctionData, parseEther, type Address, type Hex, type TransactionReceipt } from 'viem'
import {
  BLOB_BYTES,
  PRODUCTION_PARAMS,
  RollupState,
  TEST_PARAMS,
  TX_TYPE,
  buildChunk,
  BLS_MODULUS,
  batchHeader,
  chunkCircuitInputs,
  chunkShare,
  elementsToBlob,
  chunkLayout,
  dataCommitment,
  denseProof,
  denseRoot,
  elementsToBytes,
  exitLeafHash,
  maxChunksPerBlob,
  type QueueEntry,
} from '../protocol/index.ts'
import { testWorld } from '../protocol/transition/testWorld.ts'
import { ensureChunkKeys } from '../circuits/testing/ensureChunkKeys.ts'
import { inputsToJson } from '../circuits/testing/chunkWitness.ts'
import { startAnvil, type Anvil } from '../test/harness/anvil.ts'
import { measureCallGas } from '../test/harness/measureCallGas.ts'
import {
  ROLLUP_SETTINGS,
  balanceBlobClaims,
  blobBatch,
  loadCKzg,
  chunkClaims,
  contractProof,
  counterweightRollupAbi,
  deployArtifact,
  deployRollup,
  escapeWithdrawArgs,
  loadArtifact,
  testTokenAbi,
  iChunkVerifierAbi,
  insecureMockProof,
  queueEntryFromEvent,
  sendBlobTransaction,
  type ChunkClaim,
  type RollupDeployment,
} from '../l1-contracts/index.ts'
import type { BenchResult } from './result.ts'

/**
 * Runs the contracts benchmark; `npm run bench -- contracts` prints the figures and writes
 * `bench/results/contracts.json`.
 *
 * @example
 * ```ts
 * const figures = await run() // [{ name: 'deposit_eth_gas', value: 118000, unit: 'gas' }, ...]
 * ```
 */
export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`)
  }
  const keys = await ensureChunkKeys({ params: TEST_PARAMS })
  const anvil = await startAnvil({ args: ['--code-size-limit', '24576'] })
  try {
    for (const name of ['CounterweightRollup', 'EscapeHatch', 'PreconfirmationSlasher']) {
      push(`bytecode_${name}`, (loadArtifact({ name }).deployedBytecode.length - 2) / 2, 'bytes (runtime; EIP-170 limit 24,576)')
    }
    await blobCheckFigures(anvil, push)
    const prod = await productionFigures(anvil, push)
    const prove = await proveFigures(anvil, keys, push)
    // The one-blob batch: commit (fixed + per chunk), prove per chunk, finalize (fixed + per chunk).
    const perChunk = prod.commitPerChunkWithQueue + prove.proveTx + prod.finalizePerChunk
    push('settle_per_chunk_gas', perChunk, 'gas (commit share + prove + finalize share, chunk with queue entries)')
    push('settle_per_chunk_target', 350_000, 'gas')
    push('settle_fixed_per_blob_gas', prod.commitFixed + prod.finalizeFixed, 'gas (commit + finalize, once per batch)')
    const chunks = maxChunksPerBlob(PRODUCTION_PARAMS)
    const transfers = chunks * PRODUCTION_PARAMS.nTx
    const blobTotal = prod.commitFixed + prod.finalizeFixed + chunks * (prod.commitPerChunk + prove.proveTx + prod.finalizePerChunk)
    push('full_blob_chunks', chunks, `chunks (maxChunksPerBlob, PRODUCTION_PARAMS, ${chunkLayout(PRODUCTION_PARAMS).chunkElements} elements each)`)
    push('full_blob_transfers', transfers, 'transfers')
    push('full_blob_l1_gas', blobTotal, 'gas')
    push('l1_gas_per_transfer', blobTotal / transfers, 'gas/transfer (full blob, execution gas)')
    push('blob_gas_per_transfer', BLOB_BYTES / transfers, 'blob gas/transfer (separate EIP-4844 fee market)')
  } finally {
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate()
    await anvil.stop()
  }
  return out
}

type Push = (name: string, value: number, unit: string) => void

/** A made-up share below r for claim `k` of a made-up batch. */
const fakeShare = (k: number): bigint => (BigInt(k + 1) * 0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251f86c6a11d0c18e95n) % BLS_MODULUS

/**
 * The blob equivalence check alone (BlobEquivalenceHarness: challenge over the claims' data
 * commitments, shares added mod r, point-evaluation precompile, barycentric identity), as
 * execution gas of a call, for a full PRODUCTION_PARAMS blob of 1, 32 and every chunk.
 */
async function blobCheckFigures(anvil: Anvil, push: Push): Promise<void> {
  const { address } = await deployArtifact({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, artifact: loadArtifact({ name: 'BlobEquivalenceHarness' }), args: [] })
  const abi = loadArtifact({ name: 'BlobEquivalenceHarness' }).abi
  const elements = Array.from({ length: 4096 }, (_, i) => (BigInt(i + 1) * 0x1234567890abcdef1234567890abcdefn) & ((1n << 248n) - 1n))
  const blob = elementsToBlob(elements)
  const versionedHash = commitmentToVersionedHash({ commitment: bytesToHex(loadCKzg().blobToKzgCommitment(blob)), to: 'hex' })
  const gasFor = async (n: number): Promise<number> => {
    const claims: ChunkClaim[] = Array.from({ length: n }, (_, k) => ({ newStateRoot: 1n, queueEnd: 0n, exitRoot: 1n, txListCommitment: 1n, dataCommitment: 1000n + BigInt(k), blobShare: fakeShare(k) }))
    const b = balanceBlobClaims({ params: PRODUCTION_PARAMS, blob, claims })
    return measureCallGas({ publicClient: anvil.publicClient, to: address, data: encodeFunctionData({ abi, functionName: 'check', args: [versionedHash, batchHeader(PRODUCTION_PARAMS, n), b.claims, b.opening] }) })
  }
  const one = await gasFor(1)
  const many = await gasFor(32)
  const full = maxChunksPerBlob(PRODUCTION_PARAMS)
  push('blob_check_1_chunk_gas', one, 'gas (execution: point evaluation 50,000 + challenge + identity; target <= 60,000 per blob)')
  push('blob_check_per_chunk_gas', (many - one) / 31, 'gas (execution per chunk: challenge word and share sum; plus 32 calldata bytes of the share in commit)')
  push('blob_check_full_blob_gas', await gasFor(full), `gas (execution, ${full} chunks)`)
  push('blob_check_target_gas', 60_000, 'gas per blob')
}

async function tx(anvil: Anvil, from: number, address: Address, functionName: string, args: readonly unknown[], value = 0n): Promise<TransactionReceipt> {
  const hash = await anvil.walletClients[from]!.writeContract({ address, abi: counterweightRollupAbi, functionName, args, value } as never)
  const r = await anvil.publicClient.waitForTransactionReceipt({ hash })
  if (r.status !== 'success') throw new Error(`${functionName} reverted`)
  return r
}

function chunkInputs(r: TransactionReceipt): bigint[][] {
  const out: bigint[][] = []
  for (const l of r.logs) {
    try {
      const e = decodeEventLog({ abi: counterweightRollupAbi, data: l.data, topics: l.topics })
      if (e.eventName === 'ChunkCommitted') out.push([...(e.args as { publicInputs: readonly bigint[] }).publicInputs])
    } catch {
      // not ours
    }
  }
  return out
}

async function productionFigures(anvil: Anvil, push: Push) {
  const d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: PRODUCTION_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.production, bond: ROLLUP_SETTINGS.production.minBond })
  const R = d.rollup
  const fee = (): Promise<bigint> => anvil.publicClient.readContract({ address: R, abi: counterweightRollupAbi, functionName: 'queueFee' })
  const heads = async () => {
    const h = await anvil.publicClient.readContract({ address: R, abi: counterweightRollupAbi, functionName: 'heads' })
    return { queueLength: h[0], committedQueue: h[1], committedBatches: h[3] }
  }
  const mean2 = async (name: string, f: () => Promise<TransactionReceipt>): Promise<void> => {
    const a = await f()
    const b = await f()
    push(name, Number(a.gasUsed + b.gasUsed) / 2, 'gas')
  }
  const world = testWorld({ users: 2, chainId: BigInt(d.chainId), rollupAddress: BigInt(R) })
  const key = world.users[0]!.publicKey

  // Queue operations.
  await mean2('deposit_eth_gas', async () => tx(anvil, 1, R, 'depositETH', [parseEther('1'), 0n, key.x, key.y], parseEther('1') + (await fee())))
  const token = await deployToken(anvil, R)
  await tx(anvil, 0, R, 'listToken', [token])
  await mean2('deposit_token_gas', async () => tx(anvil, 1, R, 'depositToken', [1n, 1000n, 0n, key.x, key.y], await fee()))
  await mean2('set_key_gas', async () => tx(anvil, 1, R, 'setKey', [1n, key.x, key.y], await fee()))
  await mean2('forced_transfer_gas', async () => tx(anvil, 1, R, 'forcedTransfer', [1n, 2n, 5n], await fee()))
  await mean2('forced_withdraw_gas', async () => tx(anvil, 1, R, 'forcedWithdraw', [1n, 5n], await fee()))
  for (let i = 0; i < 70; i++) await tx(anvil, 2, R, 'depositETH', [parseEther('0.01'), 0n, 0n, 0n], parseEther('0.01') + (await fee()))

  // Blob commits of 1 and 32 chunks, without and with queue entries; then prove (mock) and finalize.
  const claimsOf = async (n: number, perChunkQueue: number): Promise<ChunkClaim[]> => {
    const { committedQueue } = await heads()
    return Array.from({ length: n }, (_, k) => ({ newStateRoot: 1000n + BigInt(k), queueEnd: committedQueue + BigInt((k + 1) * perChunkQueue), exitRoot: 7n, txListCommitment: 8n, dataCommitment: 9n, blobShare: fakeShare(k) }))
  }
  const blob = new Uint8Array(BLOB_BYTES)
  blob[1] = 1
  // Claims of made-up chunks: the last share balances the blob's opening (the commit's check
  // only sees the sum), so the check runs in full.
  const commitBlob = async (claims: ChunkClaim[]) => {
    const b = balanceBlobClaims({ params: PRODUCTION_PARAMS, blob, claims })
    const r = await sendBlobTransaction({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, to: R, data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [b.claims, b.opening] }), blob })
    if (r.status !== 'success') throw new Error('commitBatch reverted')
    return r
  }
  const settle = async (r: TransactionReceipt) => {
    const { committedBatches } = await heads()
    const inputs = chunkInputs(r)
    for (const [k, pi] of inputs.entries()) await tx(anvil, 3, R, 'prove', [committedBatches, BigInt(k), pi, insecureMockProof(pi)])
    return tx(anvil, 3, R, 'finalize', [committedBatches])
  }
  const c1 = await commitBlob(await claimsOf(1, 0))
  const f1 = await settle(c1)
  const c32 = await commitBlob(await claimsOf(32, 0))
  const f32 = await settle(c32)
  const c1q = await commitBlob(await claimsOf(1, 1))
  await settle(c1q)
  const c32q = await commitBlob(await claimsOf(32, 2))
  await settle(c32q)
  const commitPerChunk = Number(c32.gasUsed - c1.gasUsed) / 31
  const commitPerChunkWithQueue = Number(c32q.gasUsed - c1q.gasUsed) / 31
  const commitFixed = Number(c1.gasUsed) - commitPerChunk
  const finalizePerChunk = Number(f32.gasUsed - f1.gasUsed) / 31
  const finalizeFixed = Number(f1.gasUsed) - finalizePerChunk
  push('commit_blob_1_chunk_gas', Number(c1.gasUsed), 'gas')
  push('commit_blob_32_chunks_gas', Number(c32.gasUsed), 'gas')
  push('commit_fixed_per_blob_gas', commitFixed, 'gas')
  push('commit_per_chunk_gas', commitPerChunk, 'gas (no queue entries)')
  push('commit_per_chunk_with_queue_gas', commitPerChunkWithQueue, 'gas (2 queue entries per chunk)')
  push('finalize_1_chunk_gas', Number(f1.gasUsed), 'gas')
  push('finalize_fixed_gas', finalizeFixed, 'gas')
  push('finalize_per_chunk_gas', finalizePerChunk, 'gas')

  // Calldata fallback: the contract hashes each chunk's 26 elements itself.
  const layout = chunkLayout(PRODUCTION_PARAMS)
  const calldataCommit = async (n: number) => {
    const { committedQueue } = await heads()
    const header = (((((((1n << 8n) | 24n) << 16n) | 64n) << 16n | 8n) << 8n | 4n) << 16n | BigInt(n)) << 176n
    const els = [header]
    const claims: ChunkClaim[] = []
    for (let k = 0; k < n; k++) {
      const chunkEls = Array.from({ length: layout.chunkElements }, (_, i) => (BigInt(k * 1000 + i + 1) * 0x1234567890abcdefn) & ((1n << 248n) - 1n))
      els.push(...chunkEls)
      claims.push({ newStateRoot: 5000n + BigInt(k), queueEnd: committedQueue, exitRoot: 7n, txListCommitment: 8n, dataCommitment: dataCommitment(chunkEls), blobShare: chunkShare({ elements: chunkEls, firstPosition: 1, z: 0n }) })
    }
    const data = `0x${Buffer.from(elementsToBytes(els)).toString('hex')}` as Hex
    return tx(anvil, 0, R, 'commitBatchCalldata', [data, claims])
  }
  const cd1 = await calldataCommit(1)
  await settle(cd1)
  const cd4 = await calldataCommit(4)
  await settle(cd4)
  push('commit_calldata_per_chunk_gas', Number(cd4.gasUsed - cd1.gasUsed) / 3, `gas (${layout.chunkElements} elements hashed on L1)`)

  // Claim an exit at production exit depth.
  const exitLeaves = new Array<bigint>(PRODUCTION_PARAMS.nQueue + PRODUCTION_PARAMS.nTx).fill(0n)
  const recipient = anvil.accounts[4]!.address
  exitLeaves[9] = exitLeafHash({ recipient: BigInt(recipient), tokenId: 0n, amount: parseEther('0.001') })
  exitLeaves[10] = exitLeafHash({ recipient: BigInt(recipient), tokenId: 0n, amount: parseEther('0.002') })
  const { committedQueue } = await heads()
  // A full-width commitment: claimExit carries it in calldata (the rollup keeps keccak(exitRoot, txListCommitment)).
  const exitTxList = dataCommitment(exitLeaves)
  const exitClaims: ChunkClaim[] = [{ newStateRoot: 6000n, queueEnd: committedQueue, exitRoot: denseRoot(exitLeaves, layout.exitDepth), txListCommitment: exitTxList, dataCommitment: 9n, blobShare: 0n }]
  await settle(await commitBlob(exitClaims))
  const { committedBatches } = await heads()
  const claimA = await tx(anvil, 5, R, 'claimExit', [committedBatches, 0n, 9n, recipient, 0n, parseEther('0.001'), denseProof(exitLeaves, 9, layout.exitDepth), exitTxList])
  const claimB = await tx(anvil, 5, R, 'claimExit', [committedBatches, 0n, 10n, recipient, 0n, parseEther('0.002'), denseProof(exitLeaves, 10, layout.exitDepth), exitTxList])
  push('claim_exit_gas', Number(claimA.gasUsed), `gas (exit depth ${layout.exitDepth}, first claim of the chunk)`)
  push('claim_exit_next_gas', Number(claimB.gasUsed), 'gas (another leaf of the same chunk)')

  // Escape mode at depth 24: a finalized state with two accounts, an overdue deposit.
  const state = new RollupState({ depth: PRODUCTION_PARAMS.depth })
  state.allocate({ owner: BigInt(anvil.accounts[1]!.address), publicKey: key, tokenId: 0n, balance: parseEther('0.5'), nonce: 3n })
  state.allocate({ owner: BigInt(anvil.accounts[2]!.address), publicKey: { x: 0n, y: 0n }, tokenId: 0n, balance: parseEther('0.25'), nonce: 0n })
  const h = await heads()
  await settle(await commitBlob([{ newStateRoot: state.root, queueEnd: h.committedQueue, exitRoot: 7n, txListCommitment: 8n, dataCommitment: 9n, blobShare: 0n }]))
  await tx(anvil, 6, R, 'depositETH', [parseEther('0.1'), 0n, 0n, 0n], parseEther('0.1') + (await fee()))
  await anvil.testClient.increaseTime({ seconds: Number(ROLLUP_SETTINGS.production.escapeDelay) + 1 })
  await anvil.testClient.mine({ blocks: 1 })
  push('activate_escape_gas', Number((await tx(anvil, 7, R, 'activateEscapeMode', [])).gasUsed), 'gas')
  push('escape_withdraw_gas', Number((await tx(anvil, 7, R, 'escapeWithdraw', escapeWithdrawArgs({ state, index: 1n }))).gasUsed), `gas (account depth ${PRODUCTION_PARAMS.depth})`)
  const logs = await anvil.publicClient.getContractEvents({ address: R, abi: counterweightRollupAbi, eventName: 'QueueEntryAdded', fromBlock: d.blockNumber })
  const last = queueEntryFromEvent(logs.at(-1)!.args)
  const dep = last.entry as Extract<QueueEntry, { kind: 1 }>
  const refund = await tx(anvil, 7, R, 'escapeRefundDeposit', [last.position, { sender: anvil.accounts[6]!.address, toIndex: dep.toIndex, tokenId: dep.tokenId, amount: dep.amount, pubKeyX: 0n, pubKeyY: 0n }])
  push('escape_refund_deposit_gas', Number(refund.gasUsed), 'gas')
  return { commitFixed, commitPerChunk, commitPerChunkWithQueue, finalizeFixed, finalizePerChunk, deployment: d }
}

async function proveFigures(anvil: Anvil, keys: { wasm: string; zkey: string; verifier: string }, push: Push) {
  const d: RollupDeployment = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'generated', solPath: keys.verifier }, settings: ROLLUP_SETTINGS.test, bond: ROLLUP_SETTINGS.test.minBond })
  const world = testWorld({ users: 1, chainId: BigInt(d.chainId), rollupAddress: BigInt(d.rollup) })
  const key = world.users[0]!.publicKey
  const fee = await anvil.publicClient.readContract({ address: d.rollup, abi: counterweightRollupAbi, functionName: 'queueFee' })
  await tx(anvil, 1, d.rollup, 'depositETH', [parseEther('1'), 0n, key.x, key.y], parseEther('1') + fee)
  const entries: QueueEntry[] = [{ kind: 1, sender: BigInt(anvil.accounts[1]!.address), toIndex: 0n, tokenId: 0n, amount: parseEther('1'), publicKey: key }]
  const signed = world.sign(0, { type: TX_TYPE.TRANSFER_TO_L1, from: 1n, toAddress: BigInt(anvil.accounts[2]!.address), amount: parseEther('0.5'), fee: 0n, nonce: 0n })
  const built = buildChunk({ state: new RollupState({ depth: TEST_PARAMS.depth }), params: TEST_PARAMS, domain: d.domain, queue: { entries, startHash: 0n }, txs: [signed], firstSeq: 0n, feeAccounts: [] })
  const batch = blobBatch({ params: TEST_PARAMS, chunks: [built] })
  const chunk = batch.chunks[0]!
  const started = Date.now()
  const { proof } = await snarkjs.groth16.fullProve(inputsToJson(chunkCircuitInputs(chunk)) as never, keys.wasm, keys.zkey)
  push('real_proof_seconds', (Date.now() - started) / 1000, 's (TEST_PARAMS, 2 cores)')
  const p = contractProof(proof as never)
  const commit = await sendBlobTransaction({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, to: d.rollup, data: encodeFunctionData({ abi: counterweightRollupAbi, functionName: 'commitBatch', args: [chunkClaims({ chunks: [chunk], queueStart: 0n }), batch.opening] }), blob: batch.blob })
  if (commit.status !== 'success') throw new Error('commit reverted')
  const verifierGas = await measureCallGas({ publicClient: anvil.publicClient, to: d.verifier, data: encodeFunctionData({ abi: iChunkVerifierAbi, functionName: 'verifyProof', args: [p.a, p.b, p.c, chunk.publicInputs as never] }) })
  const proved = await tx(anvil, 3, d.rollup, 'prove', [1n, 0n, chunk.publicInputs, p])
  push('verify_proof_gas', verifierGas, `gas (generated Groth16 verifier, ${chunk.publicInputs.length} public inputs, execution only)`)
  push('prove_per_chunk_gas', Number(proved.gasUsed), 'gas (prove transaction, real verifier)')
  return { proveTx: Number(proved.gasUsed) }
}

/** A TestToken minted to account 1, approved to `spender`. */
async function deployToken(anvil: Anvil, spender: Address): Promise<Address> {
  const { address } = await deployArtifact({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, artifact: loadArtifact({ name: 'TestToken' }), args: ['Bench', 'B'] })
  for (const [functionName, args] of [
    ['mint', [anvil.accounts[1]!.address, 10n ** 24n]],
    ['approve', [spender, 2n ** 255n]],
  ] as const) {
    const hash = await anvil.walletClients[1]!.writeContract({ address, abi: testTokenAbi, functionName, args } as never)
    await anvil.publicClient.waitForTransactionReceipt({ hash })
  }
  return address
}
