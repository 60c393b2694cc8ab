/**
 * Node benchmarks: transactions rebuilt per second from L1 data, without proving.
 *
 * A synthetic history at the production shape (depth 24, 64 slots per chunk, full blobs of
 * 157 chunks = ~10,000 transactions per batch): deposits creating N accounts, then batches of
 * transfers (95%), transfers to L1 accounts (3%) and withdrawals (2%), each paying a fee.
 * Measured on the transfer batches only:
 * - `rebuild`: the whole node (`createNode` + `sync`) over an in-memory L1: event recording,
 *   blob fetch and KZG check of the versioned hash, decode, replay, claim checks, SQLite
 *   writes. `proven`: the batches are finalized, so the node (`checks: 'auto'`) checks what
 *   the chunk proofs cannot vouch for (data commitments, queue, exit roots) and the state root
 *   at the end of each batch; `full`: every claim of every chunk recomputed (what the node
 *   does for batches not yet finalized).
 * - `replay`: decode + replay + the same checks, without store and KZG.
 * - the baseline: protocol's `replayChunk` (full Merkle witnesses) on the same chunks.
 * Hashing dominates: Poseidon runs in WebAssembly on one core. `proven` figures are the best
 * of three rounds (each on a fresh copy of a store synced through the deposits), as the other
 * benches do on this shared machine; `full` is measured once.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadKzg } from '../l1-contracts/index.ts'
import { PRODUCTION_PARAMS, RollupState, poseidon, replayChunk, type Account } from '../protocol/index.ts'
import { prng } from '../protocol/transition/testWorld.ts'
import { NodeState, createNode, decodeBatchData, getStateRoot, replayBatch } from '../sequencer/node/index.ts'
import { memoryBlobSource } from '../sequencer/node/testing/memoryBlobSource.ts'
import { memoryL1Reader } from '../sequencer/node/testing/memoryL1Reader.ts'
import { syntheticHistory, type SyntheticHistory } from '../sequencer/node/testing/syntheticHistory.ts'
import type { BenchResult } from './result.ts'

const TRANSFER_BATCHES = 2
/** Rounds per figure, keeping the best (the machine is shared); `full` is slow, measured once. */
const roundsOf = (checks: string): number => (checks === 'full' ? 1 : 3)

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${value.toFixed(1)} ${unit}`)
  }
  for (let n = 1; n <= 6; n++) poseidon(new Array<bigint>(n).fill(1n)) // compile every Poseidon width first
  const kzg = loadKzg()
  const dir = mkdtempSync(join(tmpdir(), 'cw-node-bench-'))
  try {
    for (const accounts of [1_000, 10_000]) {
      const t0 = performance.now()
      const h = syntheticHistory({ params: PRODUCTION_PARAMS, accounts, transferBatches: TRANSFER_BATCHES, r: prng(accounts), kzg })
      const deposits = h.batches.filter((b) => b.deposits > 0)
      const transfers = h.batches.filter((b) => b.txs > 0)
      const txs = transfers.reduce((s, b) => s + b.txs, 0)
      console.log(`  history: ${accounts} accounts, ${transfers.length} batches of ${transfers[0]!.chunks.length} chunks, ${txs} transactions (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`)

      // a store synced through the deposits, copied for every measured rebuild
      const base = join(dir, `${accounts}-base.sqlite`)
      const l1 = memoryL1Reader({ rollup: h.rollup, chainId: h.chainId, config: h.config, events: h.events })
      const open = (path: string, checks: 'auto' | 'full') => createNode({ l1, rollup: h.rollup, fromBlock: 1n, storePath: path, blobs: memoryBlobSource({ blobs: h.blobs }), kzg, options: { confirmations: 0n, checks } })
      l1.head = deposits.at(-1)!.block + 1n
      const seed = await open(base, 'auto')
      await seed.sync()
      await seed.close()
      l1.head = h.events.at(-1)!.at.blockNumber
      for (const checks of ['auto', 'full'] as const) {
        const label = checks === 'auto' ? 'proven' : 'full'
        let best = 0
        for (let round = 0; round < roundsOf(checks); round++) {
          const path = join(dir, `${accounts}-${label}-${round}.sqlite`)
          copyFileSync(base, path)
          const node = await open(path, checks)
          const start = performance.now()
          await node.sync()
          const seconds = (performance.now() - start) / 1000
          if (getStateRoot(node).root !== h.batches.at(-1)!.root) throw new Error('the node did not reach the history root')
          best = Math.max(best, txs / seconds)
          await node.close()
          if (checks === 'auto' && round === 0) {
            const reopen = performance.now()
            await (await open(path, checks)).close()
            push(`node_restart_ms_${accounts}_accounts`, performance.now() - reopen, 'ms')
            push(`node_store_bytes_per_account_${accounts}_accounts`, storeBytes(path) / accounts, 'bytes')
          }
        }
        push(`node_rebuild_tx_per_s_${accounts}_accounts_${label}`, best, 'tx/s')
      }

      // decode + replay + claim checks alone
      for (const checks of ['proven', 'full'] as const) {
        let best = 0
        for (let round = 0; round < roundsOf(checks); round++) best = Math.max(best, replayRate(h, checks))
        push(`node_replay_tx_per_s_${accounts}_accounts_${checks}`, best, 'tx/s')
      }

      // the baseline: protocol's replayChunk on the first 6 chunks of the first transfer batch
      const plain = plainStateAfter(h)
      const chunks = transfers[0]!.chunks.slice(0, 6)
      let n = 0
      let seq = 0n
      const start = performance.now()
      for (const [k, data] of chunks.entries()) {
        const c = replayChunk({ state: plain, params: PRODUCTION_PARAMS, domain: h.config.domain, data, queue: { entries: [], startHash: transfers[0]!.claims[k]![2]! }, firstSeq: seq })
        if (c.newStateRoot !== transfers[0]!.claims[k]![1]) throw new Error('replayChunk disagrees with the history')
        c.state.commit()
        n += c.txCount
        seq += BigInt(c.txCount)
      }
      push(`replayChunk_baseline_tx_per_s_${accounts}_accounts`, n / ((performance.now() - start) / 1000), 'tx/s')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}

/** Transactions per second of decode + replay + checks of the history's transfer batches. */
function replayRate(h: SyntheticHistory, checks: 'proven' | 'full'): number {
  const deposits = h.batches.filter((b) => b.deposits > 0)
  const transfers = h.batches.filter((b) => b.txs > 0)
  const state = stateAfter(h, deposits.length)
  const queueHash = deposits.at(-1)!.claims.at(-1)![3]!
  let queueEnd = BigInt(deposits.reduce((s, b) => s + b.deposits, 0))
  let seq = 0n
  const start = performance.now()
  for (const b of transfers) {
    const layer = state.beginBatch()
    const decoded = decodeBatchData({ params: PRODUCTION_PARAMS, batch: b.number, data: { kind: 'blob', blob: b.blob } })
    const r = replayBatch({
      state: layer.state,
      params: PRODUCTION_PARAMS,
      domain: h.config.domain,
      batch: b.number,
      decoded,
      claims: b.claims,
      commit: { queueEnd, newStateRoot: b.root },
      queue: { entries: (_, count) => (count === 0 ? [] : undefined), hashAt: () => queueHash },
      queueStart: queueEnd,
      firstSeq: seq,
      checkData: true,
      checks,
    })
    state.apply(layer)
    queueEnd = r.queueEnd
    seq = r.seqEnd
  }
  return transfers.reduce((s, b) => s + b.txs, 0) / ((performance.now() - start) / 1000)
}

/** The node state after the first `batches` batches of the history, replayed again. */
function stateAfter(h: SyntheticHistory, batches: number): NodeState {
  const state = new NodeState({ depth: h.config.params.depth })
  const accounts: [bigint, Account][] = []
  for (const [i, a] of h.state.head.allAccounts()) if (i <= BigInt(h.batches.slice(0, batches).reduce((s, b) => s + b.deposits, 0))) accounts.push([i, a])
  const layer = state.beginBatch()
  for (const [, a] of accounts) layer.state.allocate({ ...a, balance: 10n ** 21n, nonce: 0n })
  state.apply(layer)
  if (state.head.root !== h.batches[batches - 1]!.root) throw new Error('could not rebuild the state after the deposits')
  return state
}

/** The same, as a plain protocol state (for the baseline). */
function plainStateAfter(h: SyntheticHistory): RollupState {
  const deposits = h.batches.filter((b) => b.deposits > 0)
  const node = stateAfter(h, deposits.length)
  const plain = new RollupState({ depth: h.config.params.depth })
  for (const [, a] of node.head.allAccounts()) plain.allocate(a)
  if (plain.root !== node.head.root) throw new Error('plain state differs')
  return plain
}

function storeBytes(path: string): number {
  let total = 0
  for (const f of [path, `${path}-wal`]) {
    try {
      total += statSync(f).size
    } catch {
      // no WAL file
    }
  }
  return total
}
