import { shareCircuitInputs } from '../blob/shareWitness.ts'
import { FLOAT, RECORD_TYPE } from '../constants.ts'
import { chunkFirstElement } from '../da/batchData.ts'
import { encodeAmount, encodeFee } from '../da/float.ts'
import { queueEntryFields } from '../queue/queueEntry.ts'
import { accountAsCircuitInputs } from '../state/account.ts'
import type { Chunk } from './buildChunk.ts'
import type { AccessWitness } from './outcomes.ts'

/** Input signals of the chunk circuit, by name: scalars, vectors and matrices. */
export type CircuitInputs = Record<string, bigint | bigint[] | bigint[][]>

/**
 * The names of the chunk circuit's public inputs, in order.
 *
 * @example
 * ```ts
 * PUBLIC_INPUT_NAMES[0] // 'oldStateRoot'
 * ```
 */
export const PUBLIC_INPUT_NAMES = [
  'oldStateRoot',
  'newStateRoot',
  'oldQueueHash',
  'newQueueHash',
  'exitRoot',
  'txListCommitment',
  'dataCommitment',
  'domain',
  'blobChallenge',
  'blobShareHi',
  'blobShareLo',
] as const

function accessInputs(prefix: string, list: readonly AccessWitness[], out: CircuitInputs): void {
  out[`${prefix}Index`] = list.map((w) => w.index)
  out[`${prefix}Empty`] = list.map((w) => (w.before ? 0n : 1n))
  out[`${prefix}Leaf`] = list.map((w) => accountAsCircuitInputs(w.before))
  out[`${prefix}Siblings`] = list.map((w) => [...w.siblings])
}

const splitFloat = (packed: bigint, mantissaBits: number): [bigint, bigint] => [
  packed >> BigInt(mantissaBits),
  packed & ((1n << BigInt(mantissaBits)) - 1n),
]

/**
 * Every input signal of the chunk circuit for `chunk`, named as the circuit names them
 * (`docs/protocol.md` lists them). Account witnesses are flattened per access as
 * `<prefix>Index`, `<prefix>Empty`, `<prefix>Leaf` (pubKey.x, pubKey.y, balance, owner,
 * tokenId, nonce, before the access) and `<prefix>Siblings` (bottom-up). The blob share hints
 * (`blobTerm`, ...) follow `chunk.blob`: bind a blob batch first (`bindBatchToBlob`).
 *
 * @example
 * ```ts
 * const inputs = chunkCircuitInputs(buildChunk({ ... }))
 * await snarkjs.groth16.fullProve(inputs, wasmPath, zkeyPath)
 * ```
 */
export function chunkCircuitInputs(chunk: Chunk): CircuitInputs {
  const out: CircuitInputs = {}
  PUBLIC_INPUT_NAMES.forEach((name, i) => {
    out[name] = chunk.publicInputs[i]!
  })
  out.oldAccountRoot = chunk.oldAccountRoot
  out.oldNextIndex = chunk.oldNextIndex
  out.firstSeq = chunk.firstSeq

  const q = chunk.queueSlots.map((s) => (s.entry ? queueEntryFields(s.entry) : undefined))
  out.qEnabled = chunk.queueSlots.map((s) => (s.enabled ? 1n : 0n))
  for (const [name, key] of [
    ['qKind', 'kind'],
    ['qSender', 'sender'],
    ['qIndex', 'index'],
    ['qTokenId', 'tokenId'],
    ['qToIndex', 'toIndex'],
    ['qAmount', 'amount'],
    ['qPubKeyX', 'pubKeyX'],
    ['qPubKeyY', 'pubKeyY'],
  ] as const) {
    out[name] = q.map((f) => f?.[key] ?? 0n)
  }
  accessInputs('qA', chunk.queueSlots.map((s) => s.a), out)
  accessInputs('qB', chunk.queueSlots.map((s) => s.b), out)

  const t = chunk.txSlots
  out.txType = t.map((s) => BigInt(s.record.type))
  out.txFrom = t.map((s) => s.tx?.from ?? 0n)
  out.txTo = t.map((s) => s.tx?.to ?? 0n)
  out.txAmount = t.map((s) => s.tx?.amount ?? 0n)
  out.txFee = t.map((s) => s.tx?.fee ?? 0n)
  const amountParts = t.map((s) => splitFloat(s.tx ? encodeAmount(s.tx.amount) : 0n, FLOAT.AMOUNT.mantissaBits))
  const feeParts = t.map((s) => splitFloat(s.tx ? encodeFee(s.tx.fee) : 0n, FLOAT.FEE.mantissaBits))
  out.txAmountExp = amountParts.map(([e]) => e)
  out.txAmountMan = amountParts.map(([, m]) => m)
  out.txFeeExp = feeParts.map(([e]) => e)
  out.txFeeMan = feeParts.map(([, m]) => m)
  out.txAddress = t.map((s) => s.tx?.address ?? 0n)
  out.txExtPayload = t.map((s) => (s.record.type === RECORD_TYPE.EXTENSION ? s.record.payload : 0n))
  out.txSigR8x = t.map((s) => s.signature?.R8.x ?? 0n)
  out.txSigR8y = t.map((s) => s.signature?.R8.y ?? 0n)
  out.txSigS = t.map((s) => s.signature?.S ?? 0n)
  out.txSeq = t.map((s) => s.seq)
  out.txFeeSlot = t.map((s) => BigInt(s.feeSlot))
  accessInputs('txA', t.map((s) => s.a), out)
  accessInputs('txB', t.map((s) => s.b), out)

  out.feeTotal = chunk.feeSlots.map((f) => f.total)
  accessInputs('fee', chunk.feeSlots.map((f) => f.access), out)

  Object.assign(out, shareCircuitInputs({ elements: chunk.dataElements, firstPosition: chunkFirstElement(chunk.params, chunk.blob.index), z: chunk.blob.z }))
  return out
}
