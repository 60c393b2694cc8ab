import type { ChunkParams } from '../../protocol/index.ts'

/** SQLite `synchronous` levels the store supports (see `docs/rpc.md`, "Durability"). */
export type SynchronousLevel = 'FULL' | 'NORMAL'

/** HTTP server limits and timeouts (fastify disables most of them by default). */
export interface HttpConfig {
  host: string
  /** 0 picks a free port. */
  port: number
  /** Largest request body; a bigger one gets HTTP 413 before it is parsed. */
  bodyLimitBytes: number
  /** Most calls in one JSON-RPC batch. */
  maxBatchLength: number
  /** Time to receive a whole request (headers and body); then HTTP 408. */
  requestTimeoutMs: number
  /** Time to receive the request headers. */
  headersTimeoutMs: number
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number
  /** Socket inactivity timeout: a connection that sends nothing for this long is closed. */
  connectionTimeoutMs: number
  /** Most simultaneous connections; more are refused at accept. */
  maxConnections: number
  /** Take the client address from `X-Forwarded-For` (only behind a trusted proxy). */
  trustProxy: boolean
}

/** Per-client (IP address) token bucket over JSON-RPC calls; a batch counts each call. */
export interface RateLimitConfig {
  /** Sustained calls per second per client; 0 turns the limit off. */
  callsPerSecond: number
  /** Calls a client may make at once after being idle. */
  burst: number
}

/** Mempool limits. */
export interface LimitsConfig {
  /** Transactions of one account being checked, waiting for a nonce gap, or not yet in a sealed block. */
  maxPendingPerAccount: number
  /** The same over all accounts. */
  maxPendingTotal: number
  /** A transaction at most this far above the account's next nonce waits for the ones before it. */
  maxNonceGap: number
  /** How long such a transaction waits for its predecessors. */
  parkTimeoutMs: number
  /** Longest a `rollup_sendTransaction` call waits for durability before answering "unavailable". */
  submitTimeoutMs: number
}

/** Fee policy: the least fee accepted, per token. */
export interface FeeConfig {
  /** Minimum fee for tokens without an entry in `minFeeByToken`. */
  minFee: bigint
  minFeeByToken: ReadonlyMap<bigint, bigint>
}

/** The L1 side: the endpoint, and how the queue follower and the batcher read it. */
export interface L1Config {
  /** L1 JSON-RPC endpoint; without it the sequencer neither follows the L1 queue nor batches. */
  rpcUrl: string | undefined
  /** Blocks an L1 event must be under before it is used (reorgs shallower than this are never seen). */
  confirmations: number
  /** How often the follower and the batcher poll L1 and the log. */
  pollMs: number
  /** Most blocks per `eth_getLogs` call (halved while the endpoint refuses). */
  maxBlockRange: number
  /** First L1 block to read queue events from (the rollup's deployment block). */
  fromBlock: bigint
}

/** How the sequencer keeps its bond on L1 topped up (through the L1 sender; needs `l1.rpcUrl`). */
export interface BondConfig {
  /** Top up when `availableBond(sequencer)` is below this many wei; 0 (default) never tops up. */
  topUpBelowWei: bigint
  /** Top up to this many wei (default twice `topUpBelowWei`). */
  topUpToWei: bigint
}

/** How the batcher cuts the log into batches. */
export interface BatcherConfig {
  /** A batch is sealed once its oldest item (transaction or queue entry) is this old. */
  maxBatchAgeMs: number
  /** Most chunks per batch (gas: each chunk costs a storage write and an event); also capped by the blob and the contract. */
  maxChunks: number
  /** A batch is sealed at once when a queue entry is this close (seconds) to its inclusion deadline (at most half the contract's delay is used). */
  deadlineMarginSeconds: number
  /** Fee account index per token id: where each chunk pays the fees of that token (at most `nFee` are named per chunk). */
  feeAccounts: ReadonlyMap<bigint, bigint>
  /** How batches reach L1: `cheaper` (blob or calldata, whichever costs less at send time) or `blob` (always a blob). */
  dataPath?: 'cheaper' | 'blob'
}

/** The sequencer's configuration, read once at start and checked by `parseConfig`. */
export interface SequencerConfig {
  /** L1 chain id: part of every signed L2 transaction and of the preconfirmation domain. */
  chainId: bigint
  /** Chain id that `eth_chainId` and `net_version` report (defaults to `chainId`). */
  l2ChainId: bigint
  /** Rollup contract on L1, lowercase. */
  rollupAddress: `0x${string}`
  /** secp256k1 key that signs preconfirmations (and, later, L1 transactions). */
  sequencerKey: `0x${string}`
  /** SQLite file of the durable store. */
  dbPath: string
  synchronous: SynchronousLevel
  /** Chunk shape of the deployment (tree depth and chunk slots). */
  params: ChunkParams
  /** L2 blocks are sealed at this interval. */
  blockIntervalMs: number
  /** A preconfirmation promises an L1 commit within this many seconds of acceptance. */
  preconfDeadlineSeconds: number
  /** Worker threads for signature checks; 0 runs them on the event loop. */
  workers: number
  /**
   * Percent of the event loop's time that signature checks may take on it, for lone
   * transactions only (every crypto worker idle, none other in the last 2 ms: it skips two
   * thread hops); 0: always in the workers.
   */
  inlineVerifyPercent: number
  fees: FeeConfig
  limits: LimitsConfig
  http: HttpConfig
  rateLimit: RateLimitConfig
  l1: L1Config
  bond: BondConfig
  batcher: BatcherConfig
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}
