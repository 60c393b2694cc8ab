/**
 * The default fee and the mapping of refusals, over a stand-in sequencer (no network): without
 * an explicit fee the SDK pays 0 and, refused with FEE_TOO_LOW and the sequencer's minimum,
 * signs once more with that minimum; an explicit fee is never raised.
 */
import { describe, expect, it } from 'vitest'
import { privateKeyToAccount } from 'viem/accounts'
import { derivePublicKey, domainHash, txHash, type L2Tx } from '../../../../protocol/index.ts'
import { groupPreconfirmation, signedTxFromJson, signPreconfirmationGroup, type SignedTxJson } from '../../../../sequencer/index.ts'
import type { SequencerClient } from '../../client/types.ts'
import { TransactionRefusedError } from '../../errors/index.ts'
import { transfer } from './transfer.ts'

const SEQUENCER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const
const rollup = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const
const chainId = 31337n
const privateKey = new Uint8Array(32).fill(7)
const key = { privateKey, publicKey: derivePublicKey(privateKey) }

/** A sequencer that asks a minimum fee of 5 and records the fees it was offered. */
function stub(minFee: bigint) {
  const offered: bigint[] = []
  const client: SequencerClient = {
    async request({ method, params }) {
      if (method === 'rollup_getAccount') {
        return { index: '0x1', owner: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8', tokenId: '0x0', balance: '0x3e8', nonce: '0x4', publicKey: { x: `0x${key.publicKey.x.toString(16)}`, y: `0x${key.publicKey.y.toString(16)}` } }
      }
      if (method !== 'rollup_sendTransaction') throw new Error(`unexpected ${method}`)
      const signed = signedTxFromJson({ value: (params as [SignedTxJson])[0], field: 'params[0]', chainId, rollup })
      offered.push(signed.tx.fee)
      if (signed.tx.fee < minFee) {
        throw Object.assign(new Error('fee below minimum'), { code: -38005, data: { reason: 'FEE_TOO_LOW', minFee: `0x${minFee.toString(16)}` } })
      }
      const hash = txHash({ tx: signed.tx as L2Tx, domain: domainHash({ chainId, rollupAddress: BigInt(rollup) }) })
      const entry = { sequence: 9, txHash: Buffer.from(hash.toString(16).padStart(64, '0'), 'hex'), l1Deadline: 100 }
      const p = groupPreconfirmation({ group: signPreconfirmationGroup({ privateKey: SEQUENCER_KEY, chainId, rollup, entries: [entry] }), chainId, rollup, entry })
      return { sequence: '0x9', txHash: p.txHash, l1Deadline: '0x64', firstSequence: '0x9', count: '0x1', root: p.root, proof: [], chainId: '0x7a69', rollup, sequencer: privateKeyToAccount(SEQUENCER_KEY).address, signature: p.signature }
    },
  }
  return { client, offered }
}

const sequencerAddress = privateKeyToAccount(SEQUENCER_KEY).address

describe('default fee', () => {
  it('pays 0, then the minimum the sequencer names, once', async () => {
    const { client, offered } = stub(5n)
    const result = await transfer(client, { rollup, chainId, sequencerAddress, key, from: 1n, to: 2n, amount: 10n })
    expect(offered).toEqual([0n, 5n])
    expect(result.signed.tx).toMatchObject({ fee: 5n, nonce: 4n })
    expect(result.sequence).toBe(9n)
  })

  it('never raises an explicit fee: the refusal is typed, with the minimum', async () => {
    const { client, offered } = stub(5n)
    const e = await transfer(client, { rollup, chainId, sequencerAddress, key, from: 1n, to: 2n, amount: 10n, fee: 1n }).catch((x: unknown) => x)
    expect(offered).toEqual([1n])
    expect(e).toBeInstanceOf(TransactionRefusedError)
    expect(e).toMatchObject({ code: 'FEE_TOO_LOW', rpcCode: -38005, data: { minFee: '0x5' } })
    expect((e as TransactionRefusedError).hint).toMatch(/fee/)
  })
})
