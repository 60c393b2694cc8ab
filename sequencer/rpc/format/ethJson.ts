import { ETH_TOKEN_ID, TX_TYPE, bigintToAddress, type RollupState } from '../../../protocol/index.ts'
import type { StoredTx } from '../../store/Store.ts'
import type { BlockRow } from '../../store/rows.ts'
import { toData, toQuantity } from '../hex.ts'
import { TX_TYPE_NAMES, type TxTypeName } from './signedTxJson.ts'

const ZERO32: `0x${string}` = `0x${'00'.repeat(32)}`
const ZERO_BLOOM: `0x${string}` = `0x${'00'.repeat(256)}`
/** keccak256(rlp([])): the uncle hash of a block without uncles. */
const EMPTY_UNCLES = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347'
const TYPE_NAME = Object.fromEntries(Object.entries(TX_TYPE_NAMES).map(([k, v]) => [v, k])) as Record<number, TxTypeName>

/** Counterweight's own fields on an `eth_getTransactionByHash` answer (besides the standard ones). */
export interface L2TxFields {
  sequence: `0x${string}`
  l2Type: TxTypeName
  fromIndex: `0x${string}`
  /** Destination account index (transfer), L1 address (transferToL1, withdraw). */
  toIndex?: `0x${string}`
  tokenId: `0x${string}`
  amount: `0x${string}`
  fee: `0x${string}`
  signature: { R8x: `0x${string}`; R8y: `0x${string}`; S: `0x${string}` }
}

type Hex = `0x${string}`

/** An accepted transaction in the execution-apis `TransactionInfo` shape (legacy type), plus {@link L2TxFields}. */
export interface EthTransactionJson extends L2TxFields {
  blockHash: Hex
  blockNumber: Hex
  blockTimestamp: Hex
  from: Hex
  hash: Hex
  transactionIndex: Hex
  type: '0x0'
  nonce: Hex
  to: Hex
  gas: '0x0'
  value: Hex
  input: '0x'
  gasPrice: '0x0'
  chainId: Hex
  v: '0x0'
  r: Hex
  s: Hex
}

/** A receipt in the execution-apis `ReceiptInfo` shape. */
export interface EthReceiptJson {
  type: '0x0'
  transactionHash: Hex
  transactionIndex: Hex
  blockHash: Hex
  blockNumber: Hex
  from: Hex
  to: Hex
  cumulativeGasUsed: '0x0'
  gasUsed: '0x0'
  contractAddress: null
  logs: []
  logsBloom: Hex
  status: '0x1'
  effectiveGasPrice: '0x0'
}

/** A block in the execution-apis `Block` shape (transactions as hashes, or hydrated). */
export interface EthBlockJson {
  number: Hex
  hash: Hex
  parentHash: Hex
  nonce: Hex
  sha3Uncles: Hex
  logsBloom: Hex
  transactionsRoot: Hex
  stateRoot: Hex
  receiptsRoot: Hex
  miner: Hex
  difficulty: '0x0'
  extraData: '0x'
  size: Hex
  gasLimit: '0x0'
  gasUsed: '0x0'
  timestamp: Hex
  baseFeePerGas: '0x0'
  mixHash: Hex
  transactions: Hex[] | EthTransactionJson[]
  uncles: []
}

function endpoints(tx: StoredTx, state: RollupState): { from: `0x${string}`; to: `0x${string}`; tokenId: bigint } {
  const t = tx.signed.tx
  const sender = state.get(t.from)
  const tokenId = sender?.tokenId ?? 0n
  const from = bigintToAddress(sender?.owner ?? 0n)
  const to = t.type === TX_TYPE.TRANSFER ? bigintToAddress(state.get(t.to)?.owner ?? 0n) : bigintToAddress(t.type === TX_TYPE.TRANSFER_TO_L1 ? t.toAddress : t.recipient)
  return { from, to, tokenId }
}

/**
 * An accepted L2 transaction in the execution-apis `TransactionInfo` shape, as a legacy
 * (type `0x0`) transaction: `from` and `to` are the L1 addresses that own the accounts (or
 * the destination address), `value` the amount when the token is ETH (0 otherwise), `nonce`
 * the account nonce, gas fields 0, `r`/`s` the EdDSA signature's R8.x and S; the full L2
 * transaction is in Counterweight's extra fields (`sequence`, `l2Type`, `fromIndex`, …).
 *
 * @example
 * ```ts
 * ethTransaction({ tx, block, state: sequencer.view, chainId: 31337n })
 * ```
 */
export function ethTransaction(params: { tx: StoredTx; block: BlockRow; state: RollupState; chainId: bigint }): EthTransactionJson {
  const { tx, block, state } = params
  const t = tx.signed.tx
  const { from, to, tokenId } = endpoints(tx, state)
  const sig = tx.signed.signature
  return {
    blockHash: toData(block.hash),
    blockNumber: toQuantity(block.number),
    blockTimestamp: toQuantity(block.timestamp),
    from,
    hash: toData(tx.hash),
    transactionIndex: toQuantity(tx.seq - block.firstSeq),
    type: '0x0',
    nonce: toQuantity(t.nonce),
    to,
    gas: '0x0',
    value: tokenId === ETH_TOKEN_ID ? toQuantity(t.amount) : '0x0',
    input: '0x',
    gasPrice: '0x0',
    chainId: toQuantity(params.chainId),
    v: '0x0',
    r: toQuantity(sig.R8.x),
    s: toQuantity(sig.S),
    sequence: toQuantity(tx.seq),
    l2Type: TYPE_NAME[t.type]!,
    fromIndex: toQuantity(t.from),
    ...(t.type === TX_TYPE.TRANSFER ? { toIndex: toQuantity(t.to) } : {}),
    tokenId: toQuantity(tokenId),
    amount: toQuantity(t.amount),
    fee: toQuantity(t.fee),
    signature: { R8x: toQuantity(sig.R8.x), R8y: toQuantity(sig.R8.y), S: toQuantity(sig.S) },
  }
}

/**
 * The receipt of an accepted transaction in the execution-apis `ReceiptInfo` shape: status 1
 * (a refused transaction is never accepted), no gas, no logs.
 *
 * @example
 * ```ts
 * ethReceipt({ tx, block, state: sequencer.view })
 * ```
 */
export function ethReceipt(params: { tx: StoredTx; block: BlockRow; state: RollupState }): EthReceiptJson {
  const { tx, block } = params
  const { from, to } = endpoints(tx, params.state)
  return {
    type: '0x0',
    transactionHash: toData(tx.hash),
    transactionIndex: toQuantity(tx.seq - block.firstSeq),
    blockHash: toData(block.hash),
    blockNumber: toQuantity(block.number),
    from,
    to,
    cumulativeGasUsed: '0x0',
    gasUsed: '0x0',
    contractAddress: null,
    logs: [],
    logsBloom: ZERO_BLOOM,
    status: '0x1',
    effectiveGasPrice: '0x0',
  }
}

/**
 * An L2 block in the execution-apis `Block` shape: the sequencer as `miner`, the keccak root
 * of its transaction hashes as `transactionsRoot`, gas and difficulty 0. `stateRoot` is zero:
 * state roots are proven per chunk on L1, not per L2 block. With `txs`, transactions are
 * full objects (hydrated); otherwise hashes.
 *
 * @example
 * ```ts
 * ethBlock({ block, miner: sequencer.address, txHashes: [hash] })
 * ```
 */
export function ethBlock(params: { block: BlockRow; miner: `0x${string}`; txHashes: readonly Uint8Array[]; txs?: readonly EthTransactionJson[] }): EthBlockJson {
  const { block } = params
  return {
    number: toQuantity(block.number),
    hash: toData(block.hash),
    parentHash: toData(block.parentHash),
    nonce: '0x0000000000000000',
    sha3Uncles: EMPTY_UNCLES,
    logsBloom: ZERO_BLOOM,
    transactionsRoot: toData(block.txRoot),
    stateRoot: ZERO32,
    receiptsRoot: ZERO32,
    miner: params.miner.toLowerCase() as Hex,
    difficulty: '0x0',
    extraData: '0x',
    size: toQuantity(96 + 159 * block.txCount),
    gasLimit: '0x0',
    gasUsed: '0x0',
    timestamp: toQuantity(block.timestamp),
    baseFeePerGas: '0x0',
    mixHash: ZERO32,
    transactions: params.txs ? [...params.txs] : params.txHashes.map(toData),
    uncles: [],
  }
}
