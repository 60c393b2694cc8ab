import { BITS, RECORD_TYPE, RECORD_TYPE_BITS, FLOAT, type RecordType } from '../constants.ts'
import { DecodeError, OutOfRangeError } from '../errors.ts'
import { chunkLayout, type ChunkLayout, type ChunkParams } from '../params.ts'
import { BitReader, BitWriter } from './bits.ts'
import { bytesToElements, elementsToBytes } from './blob.ts'
import { decodeAmount, decodeFee, encodeAmount, encodeFee } from './float.ts'

/**
 * One L2 transaction as the DA carries it (no signature, no nonce: both follow from the
 * state). `to` is the credited index (0 for a withdrawal); `address` is present for the
 * record types that create an account or withdraw.
 */
export interface DaTx {
  type: Exclude<RecordType, typeof RECORD_TYPE.NOOP | typeof RECORD_TYPE.EXTENSION>
  from: bigint
  to: bigint
  amount: bigint
  fee: bigint
  address?: bigint
}

/** What one chunk's DA region holds. */
export interface ChunkData {
  /** L1 queue entries the chunk consumed (they are on L1 already; only their count is here). */
  queueCount: number
  /** Fee account indices, exactly `nFee` of them (0 = unused). */
  feeAccounts: bigint[]
  /** The chunk's L2 transactions in order. */
  txs: DaTx[]
}

/** One fixed-width record: a transaction's record or an extension carrying address bits. */
export type DaRecord =
  | { type: typeof RECORD_TYPE.NOOP }
  | { type: DaTx['type']; from: bigint; to: bigint; amountFloat: bigint; feeFloat: bigint }
  | { type: typeof RECORD_TYPE.EXTENSION; payload: bigint }

/**
 * True for record types followed by extension records holding a 160-bit address.
 *
 * @example
 * ```ts
 * carriesAddress(RECORD_TYPE.WITHDRAW) // true
 * ```
 */
export const carriesAddress = (type: RecordType): boolean =>
  type === RECORD_TYPE.TRANSFER_TO_L1_NEW || type === RECORD_TYPE.WITHDRAW

/**
 * Slots a transaction occupies in a chunk: 1, plus the extension records of an address.
 *
 * @example
 * ```ts
 * slotsOf(RECORD_TYPE.TRANSFER, layout) // 1
 * ```
 */
export function slotsOf(type: RecordType, layout: ChunkLayout): number {
  return carriesAddress(type) ? 1 + layout.extensionRecords : 1
}

/**
 * The records of a chunk's transactions, padded with NOOP records to `nTx` slots: each
 * address-carrying record is followed by its extension records, which hold the address in
 * their payload bits, most significant first, zero-padded at the end.
 *
 * @example
 * ```ts
 * txsToRecords([{ type: RECORD_TYPE.TRANSFER, from: 1n, to: 2n, amount: 5n, fee: 0n }], layout).length // nTx
 * ```
 */
export function txsToRecords(txs: readonly DaTx[], layout: ChunkLayout): DaRecord[] {
  const { depth, nTx } = layout.params
  const payloadBits = layout.recordBits - RECORD_TYPE_BITS
  const records: DaRecord[] = []
  for (const tx of txs) {
    const limit = 1n << BigInt(depth)
    if (tx.from <= 0n || tx.from >= limit) throw new OutOfRangeError({ what: 'DA from index', value: tx.from, limit: `from 1 to 2^${depth} - 1` })
    if (tx.to < 0n || tx.to >= limit) throw new OutOfRangeError({ what: 'DA to index', value: tx.to, limit: `below 2^${depth}` })
    records.push({ type: tx.type, from: tx.from, to: tx.to, amountFloat: encodeAmount(tx.amount), feeFloat: encodeFee(tx.fee) })
    if (carriesAddress(tx.type)) {
      if (tx.address === undefined) throw new OutOfRangeError({ what: 'DA address of record type', value: tx.type, limit: 'present' })
      const totalBits = BigInt(payloadBits * layout.extensionRecords)
      const bits = tx.address << (totalBits - BigInt(BITS.ADDRESS))
      for (let k = layout.extensionRecords - 1; k >= 0; k--) {
        const payload = (bits >> BigInt(k * payloadBits)) & ((1n << BigInt(payloadBits)) - 1n)
        records.push({ type: RECORD_TYPE.EXTENSION, payload })
      }
    }
  }
  if (records.length > nTx) throw new OutOfRangeError({ what: 'records in chunk', value: records.length, limit: `at most ${nTx}` })
  while (records.length < nTx) records.push({ type: RECORD_TYPE.NOOP })
  return records
}

/**
 * The value of one record as a `recordBits`-wide integer, the way the chunk bit stream and
 * the circuit lay it out: `type | from | to | amountFloat | feeFloat` (most significant
 * first), or `type | payload` for an extension.
 *
 * @example
 * ```ts
 * recordValue({ type: RECORD_TYPE.NOOP }, layout) // 0n
 * ```
 */
export function recordValue(r: DaRecord, layout: ChunkLayout): bigint {
  const d = BigInt(layout.params.depth)
  const payloadBits = BigInt(layout.recordBits - RECORD_TYPE_BITS)
  const type = BigInt(r.type) << payloadBits
  if (r.type === RECORD_TYPE.NOOP) return 0n
  if (r.type === RECORD_TYPE.EXTENSION) return type | r.payload
  const floats = BigInt(FLOAT.AMOUNT.exponentBits + FLOAT.AMOUNT.mantissaBits + FLOAT.FEE.exponentBits + FLOAT.FEE.mantissaBits)
  const feeBits = BigInt(FLOAT.FEE.exponentBits + FLOAT.FEE.mantissaBits)
  return type | (r.from << (d + floats)) | (r.to << floats) | (r.amountFloat << feeBits) | r.feeFloat
}

/**
 * Encodes a chunk to its bit stream: `queueCount`, the `nFee` fee account indices, then
 * `nTx` records; zero-padded to whole blob field elements. Returns the bytes (exactly
 * `chunkElements * 31`).
 *
 * @example
 * ```ts
 * encodeChunk({ queueCount: 0, feeAccounts: [0n, 0n], txs: [] }, params).length // chunkElements * 31
 * ```
 */
export function encodeChunk(chunk: ChunkData, params: ChunkParams): Uint8Array {
  const layout = chunkLayout(params)
  const { depth, nFee, nQueue } = params
  if (chunk.queueCount < 0 || chunk.queueCount > nQueue) {
    throw new OutOfRangeError({ what: 'queue count', value: chunk.queueCount, limit: `from 0 to ${nQueue}` })
  }
  if (chunk.feeAccounts.length !== nFee) throw new OutOfRangeError({ what: 'fee account count', value: chunk.feeAccounts.length, limit: `exactly ${nFee}` })
  const w = new BitWriter()
  w.write(BigInt(chunk.queueCount), layout.queueCountBits)
  for (const f of chunk.feeAccounts) {
    if (f < 0n || f >= 1n << BigInt(depth)) throw new OutOfRangeError({ what: 'fee account', value: f, limit: `below 2^${depth}` })
    w.write(f, depth)
  }
  for (const r of txsToRecords(chunk.txs, layout)) w.write(recordValue(r, layout), layout.recordBits)
  w.padTo(layout.chunkElements * 31 * 8)
  return w.toBytes()
}

/**
 * Decodes a chunk's bytes (as produced by {@link encodeChunk}); throws {@link DecodeError} on
 * anything the encoder could not have written: a queue count beyond `nQueue`, an unknown
 * record type, a stray or missing extension, a record after padding, a non-zero tail.
 *
 * @example
 * ```ts
 * decodeChunk(encodeChunk(chunk, params), params) // chunk
 * ```
 */
export function decodeChunk(bytes: Uint8Array, params: ChunkParams): ChunkData {
  const layout = chunkLayout(params)
  const { depth, nTx, nFee, nQueue } = params
  const expected = layout.chunkElements * 31
  if (bytes.length !== expected) throw new DecodeError(`chunk has ${bytes.length} bytes, expected ${expected}`)
  const r = new BitReader(bytes)
  const queueCount = Number(r.read(layout.queueCountBits, 'queue count'))
  if (queueCount > nQueue) throw new DecodeError(`queue count ${queueCount} exceeds the ${nQueue} queue slots`)
  const feeAccounts = Array.from({ length: nFee }, (_, k) => r.read(depth, `fee account ${k}`))
  const payloadBits = layout.recordBits - RECORD_TYPE_BITS
  const raw = Array.from({ length: nTx }, (_, i) => ({
    type: Number(r.read(RECORD_TYPE_BITS, `record ${i} type`)),
    payload: r.read(payloadBits, `record ${i}`),
  }))
  while (r.position < bytes.length * 8) {
    if (r.read(1, 'padding') !== 0n) throw new DecodeError(`non-zero padding after the records at bit ${r.position - 1}`)
  }
  const txs: DaTx[] = []
  const floatBits = FLOAT.AMOUNT.exponentBits + FLOAT.AMOUNT.mantissaBits + FLOAT.FEE.exponentBits + FLOAT.FEE.mantissaBits
  const feeBits = FLOAT.FEE.exponentBits + FLOAT.FEE.mantissaBits
  let i = 0
  let padded = false
  while (i < nTx) {
    const { type, payload } = raw[i]!
    if (type === RECORD_TYPE.NOOP) {
      if (payload !== 0n) throw new DecodeError(`padding record ${i} is not all zeros`)
      padded = true
      i++
      continue
    }
    if (padded) throw new DecodeError(`record ${i} follows padding`)
    if (type === RECORD_TYPE.EXTENSION) throw new DecodeError(`extension record ${i} follows no address-carrying record`)
    if (type > RECORD_TYPE.EXTENSION) throw new DecodeError(`record ${i} has unknown type ${type}`)
    const from = payload >> BigInt(depth + floatBits)
    const to = (payload >> BigInt(floatBits)) & ((1n << BigInt(depth)) - 1n)
    const amount = decodeAmount((payload >> BigInt(feeBits)) & ((1n << BigInt(floatBits - feeBits)) - 1n))
    const fee = decodeFee(payload & ((1n << BigInt(feeBits)) - 1n))
    if (from === 0n) throw new DecodeError(`record ${i} is sent from index 0`)
    const tx: DaTx = { type: type as DaTx['type'], from, to, amount, fee }
    i++
    if (carriesAddress(type as RecordType)) {
      let bits = 0n
      for (let k = 0; k < layout.extensionRecords; k++, i++) {
        const ext = raw[i]
        if (!ext || ext.type !== RECORD_TYPE.EXTENSION) throw new DecodeError(`record ${i - k - 1} misses extension record ${k}`)
        bits = (bits << BigInt(payloadBits)) | ext.payload
      }
      const spare = BigInt(payloadBits * layout.extensionRecords - BITS.ADDRESS)
      if ((bits & ((1n << spare) - 1n)) !== 0n) throw new DecodeError(`address extension of record ${i} has non-zero spare bits`)
      tx.address = bits >> spare
    }
    txs.push(tx)
  }
  return { queueCount, feeAccounts, txs }
}

/**
 * The chunk's DA bytes as blob field elements (see `bytesToElements`).
 *
 * @example
 * ```ts
 * chunkElements(chunk, params).length === chunkLayout(params).chunkElements
 * ```
 */
export function chunkElements(chunk: ChunkData, params: ChunkParams): bigint[] {
  return bytesToElements(encodeChunk(chunk, params))
}

/**
 * Inverse of {@link chunkElements}.
 *
 * @example
 * ```ts
 * decodeChunkElements(chunkElements(chunk, params), params) // chunk
 * ```
 */
export function decodeChunkElements(elements: readonly bigint[], params: ChunkParams): ChunkData {
  return decodeChunk(elementsToBytes(elements), params)
}
