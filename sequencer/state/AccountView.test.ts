import { describe, expect, it } from 'vitest'
import { RollupState, applyDaTx, applyQueueEntry, resolveL2Tx, txHash, verifyReason } from '../../protocol/index.ts'
import { prng, randomQueueEntry, randomTx, testWorld } from '../../protocol/transition/testWorld.ts'
import { AccountView } from './AccountView.ts'
import { checkNonce, checkSender, resolveDestination } from './checkL2Tx.ts'

function sameAccounts(view: AccountView, state: RollupState, owners: bigint[]): void {
  expect([...view.allAccounts()]).toEqual([...state.allAccounts()])
  expect(view.nextIndex).toBe(state.nextIndex)
  expect(view.hasRoom).toBe(state.hasRoom)
  for (const owner of owners) {
    expect(view.indicesOf(owner)).toEqual(state.indicesOf(owner))
    for (const token of [0n, 1n]) expect(view.accountsOf(owner, token)).toEqual(state.accountsOf(owner, token))
  }
}

describe('AccountView and checkL2Tx against RollupState and resolveL2Tx', () => {
  it('decide and apply exactly as the protocol over random histories', () => {
    let compared = 0
    let accepted = 0
    for (let seed = 1; seed <= 6; seed++) {
      const w = testWorld({ users: 5 })
      const r = prng(seed)
      const state = new RollupState({ depth: 5 }) // small: the tree fills up, TREE_FULL happens
      const view = AccountView.fromState(state)
      const owners = [...w.users.map((u) => u.address), ...Array.from({ length: 9 }, (_, i) => BigInt(0xe000 + i)), ...Array.from({ length: 4 }, (_, i) => BigInt(0xf000 + i))]
      const nonces = new Map<bigint, bigint>()
      for (let step = 0; step < 140; step++) {
        if (r.chance(0.3)) {
          const entry = randomQueueEntry(w, r, state)
          const a = applyQueueEntry({ state, entry, exitPosition: 0 })
          const b = applyQueueEntry({ state: view, entry, exitPosition: 0 })
          expect(b.outcome).toEqual(a.outcome)
        } else {
          const signed = randomTx(w, r, state, nonces)
          if (!signed) continue
          const expected = resolveL2Tx({ state, signed, domain: w.domain })
          // The sequencer's order: sender checks, nonce, signature (in a worker), destination.
          let got: { ok: boolean; reason?: string }
          const sender = checkSender({ state: view, tx: signed.tx })
          if (!sender.ok) got = sender
          else {
            const nonce = checkNonce({ expected: sender.account.nonce, nonce: signed.tx.nonce })
            if (!nonce.ok) got = nonce
            else if (verifyReason({ publicKey: sender.account.publicKey, message: txHash({ tx: signed.tx, domain: w.domain }), signature: signed.signature })) {
              got = { ok: false, reason: 'BAD_SIGNATURE' }
            } else got = resolveDestination({ state: view, tx: signed.tx })
          }
          compared++
          expect(got.ok).toBe(expected.ok)
          if (!expected.ok) expect((got as { reason: string }).reason).toBe(expected.reason)
          else {
            accepted++
            expect((got as unknown as { da: unknown }).da).toEqual(expected.da)
            applyDaTx({ state, tx: expected.da, exitPosition: 0 })
            applyDaTx({ state: view, tx: expected.da, exitPosition: 0 })
          }
        }
        sameAccounts(view, state, owners)
      }
    }
    console.log(`compared ${compared} transactions (${accepted} accepted) against resolveL2Tx`)
    expect(accepted).toBeGreaterThan(100)
  })

  it('refuses what needs the tree', () => {
    const view = new AccountView({ depth: 4 })
    expect(() => view.root).toThrow('no Merkle tree')
    expect(() => view.fork()).toThrow('no Merkle tree')
    expect(() => view.put(3n, { owner: 1n, publicKey: { x: 0n, y: 0n }, tokenId: 0n, balance: 0n, nonce: 0n })).toThrow('out of range')
  })
})
