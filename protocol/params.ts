import { BITS, FLOAT, MAX_DEPTH, RECORD_TYPE_BITS, BLOB_BYTES_PER_ELEMENT } from './constants.ts'
import { OutOfRangeError } from './errors.ts'

/**
 * The shape of one chunk circuit, and so of one deployment: the account tree depth, the
 * number of L2 transaction slots, of L1 queue slots and of fee accounts per chunk.
 */
export interface ChunkParams {
  /** Depth of the account tree (2^depth accounts, index 0 unused). */
  depth: number
  /** L2 record slots per chunk (transactions and their extension records). */
  nTx: number
  /** L1 queue entries a chunk can consume. */
  nQueue: number
  /** Fee accounts a chunk may name (one per fee token). */
  nFee: number
}

/** Small parameters for the test suite: fast to compile, set up and prove. */
export const TEST_PARAMS: ChunkParams = { depth: 8, nTx: 4, nQueue: 2, nFee: 2 }
/** Devnet parameters: 65,535 accounts, 8 transaction slots; compiles and sets up in ~2.5 minutes on 2 cores (243,622 constraints), so `npm run devnet` starts within its 5-minute budget. */
export const DEVNET_PARAMS: ChunkParams = { depth: 16, nTx: 8, nQueue: 2, nFee: 2 }
/** Production parameters (16.7M accounts). */
export const PRODUCTION_PARAMS: ChunkParams = { depth: 24, nTx: 64, nQueue: 8, nFee: 4 }

/** Sizes that follow from the parameters (bits and bytes of the DA layout, exit tree depth). */
export interface ChunkLayout {
  params: ChunkParams
  /** Bits of one DA record: type, from, to, amount float, fee float. */
  recordBits: number
  /** Extension records that follow a record carrying a 160-bit address. */
  extensionRecords: number
  /** Bits of the chunk header: queue count and fee account indices. */
  headerBits: number
  /** Bits of the whole chunk (header and all records). */
  chunkBits: number
  /** Blob field elements one chunk occupies (31 data bytes each). */
  chunkElements: number
  /** Depth of the per-chunk exit tree (one leaf per queue slot and per L2 slot). */
  exitDepth: number
  /** Depth of the per-chunk transaction-list tree (one leaf per L2 slot). */
  txListDepth: number
  /** Bits of the queue count in the header. */
  queueCountBits: number
}

const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)))

/**
 * Checks parameters and derives the chunk layout from them.
 *
 * @example
 * ```ts
 * chunkLayout(PRODUCTION_PARAMS).recordBits // 96: 12 bytes per transfer at depth 24
 * ```
 */
export function chunkLayout(params: ChunkParams): ChunkLayout {
  const { depth, nTx, nQueue, nFee } = params
  const int = (v: number, what: string, min: number, max: number): void => {
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new OutOfRangeError({ what, value: v, limit: `an integer from ${min} to ${max}` })
    }
  }
  int(depth, 'tree depth', 2, MAX_DEPTH)
  int(nTx, 'L2 slots per chunk', 1, 4096)
  int(nQueue, 'queue slots per chunk', 1, 1024)
  int(nFee, 'fee accounts per chunk', 1, 16)
  const recordBits =
    RECORD_TYPE_BITS +
    2 * depth +
    FLOAT.AMOUNT.exponentBits +
    FLOAT.AMOUNT.mantissaBits +
    FLOAT.FEE.exponentBits +
    FLOAT.FEE.mantissaBits
  const payloadBits = recordBits - RECORD_TYPE_BITS
  const extensionRecords = Math.ceil(BITS.ADDRESS / payloadBits)
  const queueCountBits = ceilLog2(nQueue + 1)
  const headerBits = queueCountBits + nFee * depth
  const chunkBits = headerBits + nTx * recordBits
  const chunkElements = Math.ceil(chunkBits / (8 * BLOB_BYTES_PER_ELEMENT))
  return {
    params: { ...params },
    recordBits,
    extensionRecords,
    headerBits,
    chunkBits,
    chunkElements,
    exitDepth: ceilLog2(nQueue + nTx),
    txListDepth: ceilLog2(nTx),
    queueCountBits,
  }
}
