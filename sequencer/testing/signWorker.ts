/**
 * Signs bench transfers in a worker thread (load-generator support): `workerData` holds the
 * deployment and the jobs `[user, fromIndex, toIndex, nonce]`; it posts back the JSON-RPC
 * `rollup_sendTransaction` params of each, serialized.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { TX_TYPE, signTx } from '../../protocol/index.ts'
import { signedTxToJson } from '../rpc/format/signedTxJson.ts'
import { benchKey } from './benchKeys.ts'

const { domain, chainId, rollup, amount, jobs } = workerData as { domain: bigint; chainId: bigint; rollup: `0x${string}`; amount: bigint; jobs: [number, number, number, number][] }
const out = jobs.map(([u, from, to, nonce]) =>
  JSON.stringify(signedTxToJson({ signed: signTx({ tx: { type: TX_TYPE.TRANSFER, from: BigInt(from), to: BigInt(to), amount, fee: 0n, nonce: BigInt(nonce) }, privateKey: benchKey(u), domain }), chainId, rollup })),
)
parentPort!.postMessage(out)
