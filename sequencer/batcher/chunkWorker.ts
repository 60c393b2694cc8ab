/**
 * The batcher's worker thread: a {@link LocalChunkBuilder} over the genesis accounts passed in
 * `workerData`. Messages `{ id, op, args }` (op: a `ChunkBuilder` method) are answered by
 * `{ id, result }` or `{ id, error: { name, code, message } }`; `{ ready: true }` once loaded.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { RollupState, poseidon, type Account, type ChunkParams } from '../../protocol/index.ts'
import { loadCKzg } from '../../l1-contracts/index.ts'
import { SequencerError, StoreError } from '../errors/index.ts'
import { LocalChunkBuilder } from './LocalChunkBuilder.ts'

const d = workerData as { params: ChunkParams; domain: bigint; genesis: [bigint, Account][]; genesisRoot: bigint }
const genesis = new RollupState({ depth: d.params.depth })
for (const [, account] of d.genesis) genesis.allocate(account)
if (genesis.root !== d.genesisRoot) throw new StoreError({ code: 'STORE_CORRUPT', message: `the batcher worker's copy of the genesis state has root ${genesis.root}, genesis has ${d.genesisRoot}` })
for (let n = 1; n <= 6; n++) poseidon(new Array<bigint>(n).fill(1n)) // compile every Poseidon width first
loadCKzg() // the trusted setup (about 2 s): before `ready`, not at the first commit after a restart
const builder = new LocalChunkBuilder({ genesis, params: d.params, domain: d.domain })

const ops = {
  replay: (a: Parameters<LocalChunkBuilder['replayNow']>[0]) => builder.replayNow(a),
  build: (a: Parameters<LocalChunkBuilder['buildNow']>[0]) => builder.buildNow(a),
  seal: () => builder.sealNow(),
  reset: () => builder.resetNow(),
  payload: (a: Parameters<LocalChunkBuilder['payloadNow']>[0]) => builder.payloadNow(a),
  release: (a: number[]) => builder.releaseNow(a),
} as const

parentPort!.on('message', (m: { id: number; op: keyof typeof ops; args: never }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: ops[m.op](m.args) })
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    parentPort!.postMessage({ id: m.id, error: { name: err.name, code: err instanceof SequencerError ? err.code : undefined, message: err.message } })
  }
})
parentPort!.postMessage({ ready: true })
