import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PublicClient } from 'viem'
import type { Devnet } from '../../../bridge/devnet/startDevnet.ts'
import { counterweightRollupAbi } from '../../../l1-contracts/index.ts'
import type { BatchJson } from '../../../sequencer/index.ts'
import { createL1Reader, createNode, getAccount, getBatch, getStateRoot, rpcBlobSource } from '../../../sequencer/node/index.ts'
import { rpcCall } from './rpcCall.ts'

/** One batch as three parties see it: the root on L1, the sequencer's, and the fresh node's after replaying it. */
export interface RebuiltBatch {
  batch: bigint
  commitBlock: bigint
  l1Root: bigint
  sequencerRoot: bigint
  nodeRoot: bigint
  nodeStatus: string
  /** The batch the node had applied last when its L1 view ended at the commit block. */
  nodeLastApplied: bigint
}

/** What {@link rebuildFromL1} found. */
export interface RebuildReport {
  batches: RebuiltBatch[]
  /** Every L2 account: the sequencer's balance and nonce and the rebuilt node's. */
  accounts: { index: bigint; sequencer: { balance: bigint; nonce: bigint }; node: { balance: bigint; nonce: bigint } }[]
}

/**
 * Scenario 7's rebuild: opens a FRESH node (its own new store, in-process `createNode`) on the
 * devnet's L1 alone (events, blobs through `anvil_getBlobByHash`, checked by KZG) and makes it
 * read L1 only up to each batch's commit block in turn, so that after every step the node
 * has replayed exactly the batches committed so far; records its state root then, next to
 * the root the contract recorded (`BatchCommitted.newStateRoot`) and the sequencer's
 * (`rollup_getBatch`). At the end it reads every account from both the node and the sequencer.
 *
 * @example
 * ```ts
 * const report = await rebuildFromL1({ devnet })
 * report.batches.every((b) => b.nodeRoot === b.l1Root) // true
 * ```
 */
export async function rebuildFromL1(params: { devnet: Devnet }): Promise<RebuildReport> {
  const { devnet } = params
  const client = devnet.anvil.publicClient as PublicClient
  const rollup = devnet.info.rollup.address
  const fromBlock = BigInt(devnet.info.rollup.deploymentBlock)
  const committed = await client.getContractEvents({ address: rollup, abi: counterweightRollupAbi, eventName: 'BatchCommitted', fromBlock })
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-rebuild-'))
  const inner = createL1Reader({ client, rollup })
  let cap = fromBlock
  const l1 = { ...inner, rollup: inner.rollup, headBlock: async () => cap }
  const node = await createNode({ l1, rollup, fromBlock, storePath: join(dir, 'node.sqlite'), blobs: rpcBlobSource({ client }), options: { confirmations: 0n } })
  try {
    const batches: RebuiltBatch[] = []
    for (const ev of committed) {
      cap = ev.blockNumber
      await node.sync()
      const n = ev.args.batch!
      const seq = (await rpcCall({ url: devnet.info.sequencer!.rpcUrl, method: 'rollup_getBatch', params: [`0x${n.toString(16)}`] })).result as BatchJson
      batches.push({
        batch: n,
        commitBlock: ev.blockNumber,
        l1Root: ev.args.newStateRoot!,
        sequencerRoot: BigInt(seq.stateRoot),
        nodeRoot: getStateRoot(node).root,
        nodeStatus: getBatch(node, { batch: n })?.status ?? 'missing',
        nodeLastApplied: getStateRoot(node).batch,
      })
    }
    const accounts: RebuildReport['accounts'] = []
    for (let index = 1n; index < getStateRoot(node).nextIndex; index++) {
      const a = getAccount(node, { index })!
      const s = (await rpcCall({ url: devnet.info.sequencer!.rpcUrl, method: 'rollup_getAccount', params: [`0x${index.toString(16)}`] })).result as { balance: string; nonce: string }
      accounts.push({ index, sequencer: { balance: BigInt(s.balance), nonce: BigInt(s.nonce) }, node: { balance: a.balance, nonce: a.nonce } })
    }
    return { batches, accounts }
  } finally {
    await node.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
