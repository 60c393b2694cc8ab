import { concat, keccak256, numberToHex, pad, type Address, type Hex } from 'viem'
import { JSON_RPC_CODE, RpcError } from '../../errors/index.ts'
import type { BlockRef } from '../../rpc/Params.ts'
import type { StateTag } from '../read/stateAt.ts'
import type { RollupNode } from '../rollupNode.ts'

const ZERO32: Hex = `0x${'00'.repeat(32)}`
const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000'

/**
 * A block as the node serves it: **one block per applied batch**, block `n` = batch `n`,
 * block 0 = genesis. Its hash is `keccak256(rollup ‖ n ‖ stateRoot ‖ commitTxHash)` (genesis:
 * zero commit hash), so it changes when L1 reverts a batch or a reorg replaces its commitment;
 * its time is the L1 block time of the commitment, its `miner` the committer, its state root
 * the rollup's state root after the batch, its transactions root the keccak of the chunks'
 * tx-list commitments. The node keeps no L2 transactions: blocks list none.
 */
export interface NodeBlock {
  number: bigint
  hash: Hex
  parentHash: Hex
  timestamp: bigint
  stateRoot: bigint
  miner: Address
  txCount: number
  txRoot: Hex
  finalized: boolean
}

const hashOf = (rollup: Address, n: bigint, stateRoot: bigint, commitTx: Hex): Hex =>
  keccak256(concat([rollup, numberToHex(n, { size: 32 }), numberToHex(stateRoot, { size: 32 }), pad(commitTx, { size: 32 })]))

/**
 * The head block: the last applied batch (0 before any).
 *
 * @example
 * ```ts
 * headBlockNumber(node) // 7n
 * ```
 */
export function headBlockNumber(node: RollupNode): bigint {
  return node.context.store.lastApplied()?.number ?? 0n
}

/**
 * Block `n` (an applied batch, or genesis), or undefined.
 *
 * @example
 * ```ts
 * nodeBlock(node, 3n)?.hash
 * ```
 */
export function nodeBlock(node: RollupNode, n: bigint): NodeBlock | undefined {
  const { store, identity } = node.context
  const rollup = identity.rollup.toLowerCase() as Address
  if (n === 0n) {
    return { number: 0n, hash: hashOf(rollup, 0n, identity.genesisStateRoot, ZERO32), parentHash: ZERO32, timestamp: 0n, stateRoot: identity.genesisStateRoot, miner: ZERO_ADDRESS, txCount: 0, txRoot: keccak256('0x'), finalized: true }
  }
  const b = store.batch(n)
  if (!b || b.status !== 'applied') return undefined
  const parent = n === 1n ? { stateRoot: identity.genesisStateRoot, txHash: ZERO32 } : store.batch(n - 1n)!
  const chunks = store.chunks(n)
  return {
    number: n,
    hash: hashOf(rollup, n, b.stateRoot, b.txHash),
    parentHash: hashOf(rollup, n - 1n, parent.stateRoot, parent.txHash),
    timestamp: b.blockTime,
    stateRoot: b.stateRoot,
    miner: b.committer.toLowerCase() as Address,
    txCount: b.txCount ?? 0,
    txRoot: keccak256(chunks.length ? concat(chunks.map((c) => numberToHex(c.publicInputs[5]!, { size: 32 }))) : '0x'),
    finalized: b.finalized,
  }
}

const hashIndex = new WeakMap<RollupNode, { key: string; byHash: Map<string, bigint> }>()

/**
 * The block with hash `hash`, or undefined (an index of every applied batch's hash, rebuilt
 * when the head changes).
 *
 * @example
 * ```ts
 * nodeBlockByHash(node, '0x…')?.number
 * ```
 */
export function nodeBlockByHash(node: RollupNode, hash: Hex): NodeBlock | undefined {
  const head = headBlockNumber(node)
  const key = `${head}:${nodeBlock(node, head)!.hash}`
  let idx = hashIndex.get(node)
  if (!idx || idx.key !== key) {
    const byHash = new Map<string, bigint>([[nodeBlock(node, 0n)!.hash, 0n]])
    const rollup = node.context.identity.rollup.toLowerCase() as Address
    for (const b of node.context.store.batches()) if (b.status === 'applied') byHash.set(hashOf(rollup, b.number, b.stateRoot, b.txHash), b.number)
    hashIndex.set(node, (idx = { key, byHash }))
  }
  const n = idx.byHash.get(hash.toLowerCase())
  return n === undefined ? undefined : nodeBlock(node, n)
}

/**
 * The block a reference names: `latest`/`pending` the head, `safe`/`finalized` the last
 * finalized batch, `earliest` genesis, a number or a hash; undefined when unknown.
 *
 * @example
 * ```ts
 * findNodeBlock(node, { tag: 'finalized' })?.number
 * ```
 */
export function findNodeBlock(node: RollupNode, ref: BlockRef): NodeBlock | undefined {
  if ('tag' in ref) {
    if (ref.tag === 'latest' || ref.tag === 'pending') return nodeBlock(node, headBlockNumber(node))
    if (ref.tag === 'earliest') return nodeBlock(node, 0n)
    const f = node.context.store.lastFinalized()
    return nodeBlock(node, f && f.status === 'applied' ? f.number : f ? -1n : 0n)
  }
  if ('hash' in ref) return nodeBlockByHash(node, `0x${Buffer.from(ref.hash).toString('hex')}`)
  return nodeBlock(node, ref.number)
}

/**
 * Which state a state query (`eth_getBalance`, ...) names. The node keeps two: the head
 * (no block, `latest`, `pending`, or the head block) and the finalized state (`safe`,
 * `finalized`, or the last finalized block). Another known block is error 4444 (history not
 * kept), an unknown one -39001.
 *
 * @example
 * ```ts
 * const at = stateTagOf(node, p.blockRef(1, true)) // 'head' | 'finalized'
 * ```
 */
export function stateTagOf(node: RollupNode, ref: BlockRef | undefined): StateTag {
  if (!ref || ('tag' in ref && (ref.tag === 'latest' || ref.tag === 'pending'))) return 'head'
  if ('tag' in ref && (ref.tag === 'safe' || ref.tag === 'finalized')) return 'finalized'
  const block = findNodeBlock(node, ref)
  if (!block) throw new RpcError({ rpcCode: JSON_RPC_CODE.UNKNOWN_BLOCK, code: 'UNKNOWN_BLOCK', message: 'unknown block' })
  const head = headBlockNumber(node)
  if (block.number === head) return 'head'
  const f = node.context.store.lastFinalized()
  if (block.number === (f?.number ?? 0n)) return 'finalized'
  throw new RpcError({
    rpcCode: JSON_RPC_CODE.HISTORY_UNAVAILABLE,
    code: 'HISTORY_UNAVAILABLE',
    message: `state at block ${block.number} is not kept: the node serves the head (block ${head}, "latest") and the finalized state (block ${f?.number ?? 0n}, "finalized")`,
  })
}
