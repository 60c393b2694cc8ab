import { decodeFunctionData, getAddress, type Address, type Hex, type PublicClient } from 'viem'
import { counterweightRollupAbi } from '../../../l1-contracts/index.ts'
import type { ChunkParams } from '../../../protocol/index.ts'
import { L1ReadError } from '../errors.ts'
import { withRetry, type RetryPolicy } from '../retry/withRetry.ts'
import { sortEvents, type EventLocation, type RollupEvent } from './rollupEvent.ts'

/** The immutable configuration of a deployed rollup, read from the contract. */
export interface RollupConfigView {
  params: ChunkParams
  domain: bigint
  genesisStateRoot: bigint
}

/** A block's number, hash and time (seconds). */
export interface BlockInfo {
  number: bigint
  hash: Hex
  timestamp: bigint
}

/**
 * Everything the node reads from L1, each call retried with backoff (an endpoint failing
 * half of its requests still gets through; a range is never skipped, a call that fails every
 * retry throws and the caller retries the same range later).
 *
 * @example
 * ```ts
 * const l1 = createL1Reader({ client: publicClient, rollup })
 * const events = await l1.events({ fromBlock: 1n, toBlock: 100n })
 * ```
 */
export interface L1Reader {
  readonly rollup: Address
  chainId(): Promise<number>
  headBlock(): Promise<bigint>
  rollupConfig(): Promise<RollupConfigView>
  /** The rollup's events in `[fromBlock, toBlock]`, in L1 order. */
  events(range: { fromBlock: bigint; toBlock: bigint }): Promise<RollupEvent[]>
  block(number: bigint): Promise<BlockInfo>
  /** The batch bytes a calldata commitment carried, or undefined when the transaction is not a direct call of the rollup. */
  calldataBatch(transactionHash: Hex): Promise<Hex | undefined>
}

const EVENT_NAMES = ['QueueEntryAdded', 'ChunkCommitted', 'BatchCommitted', 'BatchFinalized', 'BatchesReverted', 'EscapeModeActivated'] as const
const EVENTS = counterweightRollupAbi.filter((x) => x.type === 'event' && (EVENT_NAMES as readonly string[]).includes(x.name))

/**
 * An {@link L1Reader} over a viem public client (any JSON-RPC endpoint).
 *
 * @example
 * ```ts
 * const l1 = createL1Reader({ client: createPublicClient({ transport: http(url) }), rollup: '0x...', retry: { attempts: 12 } })
 * ```
 */
export function createL1Reader(params: { client: PublicClient; rollup: Address; retry?: RetryPolicy }): L1Reader {
  const { client } = params
  const rollup = getAddress(params.rollup)
  const retry = <T>(what: string, fn: () => Promise<T>): Promise<T> => withRetry({ what, fn, policy: params.retry })
  const read = <T>(functionName: string): Promise<T> =>
    retry(`${functionName}()`, () => client.readContract({ address: rollup, abi: counterweightRollupAbi, functionName } as never) as Promise<T>)

  return {
    rollup,
    chainId: () => retry('eth_chainId', () => client.getChainId()),
    headBlock: () => retry('eth_blockNumber', () => client.getBlockNumber({ cacheTime: 0 })),
    async rollupConfig() {
      const [depth, nTx, nQueue, nFee, domain, genesisStateRoot] = await Promise.all(
        (['depth', 'nTx', 'nQueue', 'nFee', 'domain', 'genesisStateRoot'] as const).map((f) => read<bigint>(f)),
      )
      return { params: { depth: Number(depth), nTx: Number(nTx), nQueue: Number(nQueue), nFee: Number(nFee) }, domain: domain!, genesisStateRoot: genesisStateRoot! }
    },
    async events({ fromBlock, toBlock }) {
      const logs = await retry(`eth_getLogs ${fromBlock}..${toBlock}`, () =>
        client.getLogs({ address: rollup, events: EVENTS as never, fromBlock, toBlock, strict: true }),
      )
      return sortEvents(logs.map((log) => decodeEvent(log as unknown as DecodedLog)))
    },
    async block(number) {
      const b = await retry(`eth_getBlockByNumber ${number}`, () => client.getBlock({ blockNumber: number }))
      if (b.hash === null || b.number === null) throw new L1ReadError({ message: `block ${number} is pending` })
      return { number: b.number, hash: b.hash, timestamp: b.timestamp }
    },
    async calldataBatch(transactionHash) {
      const tx = await retry(`eth_getTransactionByHash ${transactionHash}`, () => client.getTransaction({ hash: transactionHash }))
      if (!tx.to || getAddress(tx.to) !== rollup) return undefined
      try {
        const call = decodeFunctionData({ abi: counterweightRollupAbi, data: tx.input })
        if (call.functionName === 'commitBatchCalldata' || call.functionName === 'commitAndProveCalldata') return (call.args as readonly unknown[])[0] as Hex
      } catch {
        // not a call we know: the data is elsewhere
      }
      return undefined
    },
  }
}

interface DecodedLog {
  eventName: (typeof EVENT_NAMES)[number]
  args: Record<string, unknown>
  blockNumber: bigint | null
  blockHash: Hex | null
  transactionHash: Hex | null
  transactionIndex: number | null
  logIndex: number | null
}

function decodeEvent(log: DecodedLog): RollupEvent {
  if (log.blockNumber === null || log.blockHash === null || log.transactionHash === null || log.transactionIndex === null || log.logIndex === null) {
    throw new L1ReadError({ message: `a pending ${log.eventName} log in a confirmed range` })
  }
  const at: EventLocation = { blockNumber: log.blockNumber, blockHash: log.blockHash, transactionHash: log.transactionHash, transactionIndex: log.transactionIndex, logIndex: log.logIndex }
  const a = log.args
  const big = (k: string): bigint => {
    const v = a[k]
    if (typeof v !== 'bigint') throw new L1ReadError({ message: `${log.eventName} at block ${at.blockNumber} has no ${k}` })
    return v
  }
  switch (log.eventName) {
    case 'QueueEntryAdded':
      return {
        kind: 'queue',
        at,
        position: big('position'),
        fields: { kind: big('kind'), sender: BigInt(a.sender as string), index: big('index'), tokenId: big('tokenId'), toIndex: big('toIndex'), amount: big('amount'), pubKeyX: big('pubKeyX'), pubKeyY: big('pubKeyY') },
        queueHash: big('queueHash'),
        timestamp: big('timestamp'),
      }
    case 'ChunkCommitted':
      return { kind: 'chunk', at, batch: big('batch'), chunk: Number(big('chunk')), publicInputs: [...(a.publicInputs as readonly bigint[])] }
    case 'BatchCommitted':
      return {
        kind: 'batch',
        at,
        batch: big('batch'),
        committer: a.committer as Address,
        dataHash: a.dataHash as Hex,
        calldataDA: a.calldataDA as boolean,
        chunkCount: Number(big('chunkCount')),
        queueEnd: big('queueEnd'),
        newStateRoot: big('newStateRoot'),
      }
    case 'BatchFinalized':
      return { kind: 'finalized', at, batch: big('batch'), stateRoot: big('stateRoot'), queueEnd: big('queueEnd') }
    case 'BatchesReverted':
      return { kind: 'reverted', at, fromBatch: big('fromBatch'), toBatch: big('toBatch') }
    case 'EscapeModeActivated':
      return { kind: 'escape', at, stateRoot: big('stateRoot'), finalizedBatch: big('finalizedBatch') }
  }
}
