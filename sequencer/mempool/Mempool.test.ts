import { describe, expect, it } from 'vitest'
import { QUEUE_KIND, RollupState, TX_TYPE, applyQueueEntry, txHash, verifyReason, type L2Tx, type SignedL2Tx } from '../../protocol/index.ts'
import { testWorld } from '../../protocol/transition/testWorld.ts'
import { privateKeyToAccount } from 'viem/accounts'
import type { FeeConfig, LimitsConfig } from '../config/index.ts'
import type { VerifyJob, VerifyResult } from '../crypto/cryptoJobs.ts'
import { TxRefusedError, UnavailableError } from '../errors/index.ts'
import { preconfirmationProof, signPreconfirmationGroup, verifyPreconfirmation, type SignedPreconfirmation } from '../preconf/index.ts'
import { AccountView } from '../state/AccountView.ts'
import { Journal } from '../store/Journal.ts'
import type { GroupProof, TxRow, WriteBatch } from '../store/rows.ts'
import { decodeSignedTx } from '../store/txCodec.ts'
import { bytesToHash } from './hashBytes.ts'
import { Mempool, type AcceptedTx, type CryptoService } from './Mempool.ts'

const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const
const ROLLUP = '0x5fbdb2315678afecb367f032d93f642f64180aa3' as const
const LIMITS: LimitsConfig = { maxPendingPerAccount: 8, maxPendingTotal: 20, maxNonceGap: 4, parkTimeoutMs: 150, submitTimeoutMs: 2000 }
const FEES: FeeConfig = { minFee: 0n, minFeeByToken: new Map([[1n, 5n]]) }

/** In-process crypto with a hold: verifications can be released in any order. */
function fakeCrypto(domain: bigint) {
  const held: (() => void)[] = []
  let hold = false
  const crypto: CryptoService = {
    verify: (job: VerifyJob) =>
      new Promise<VerifyResult>((resolve) => {
        const [type, from, nonce, dest, amount, fee, kx, ky, rx, ry, s] = job as bigint[] as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
        const t = Number(type)
        const base = { from, nonce, amount, fee }
        const tx = (t === 1 ? { ...base, type: 1, to: dest } : t === 2 ? { ...base, type: 2, toAddress: dest } : { ...base, type: 3, recipient: dest }) as L2Tx
        const run = (): void => {
          const hash = txHash({ tx, domain })
          resolve({ hash, reason: verifyReason({ publicKey: { x: kx, y: ky }, message: hash, signature: { R8: { x: rx, y: ry }, S: s } }) ?? null })
        }
        if (hold) held.push(run)
        else setImmediate(run)
      }),
  }
  return {
    crypto,
    hold: () => (hold = true),
    /** Runs the held verifications in the given order of their arrival indices. */
    release: (order?: number[]) => {
      hold = false
      const runs = held.splice(0)
      for (const i of order ?? runs.map((_, k) => k)) runs[i]!()
    },
  }
}

function harness(opts: { failWrites?: boolean; limits?: Partial<LimitsConfig>; feeTokens?: ReadonlySet<bigint> } = {}) {
  const w = testWorld({ users: 4 })
  const genesis = new RollupState({ depth: 8 })
  // accounts 1..4: users 0..3 with ETH; account 5: user 0 with token 1; account 6: user 3 without a key
  for (let u = 0; u < 4; u++) applyQueueEntry({ state: genesis, entry: w.deposit({ user: u, amount: 1000n }), exitPosition: 0 })
  applyQueueEntry({ state: genesis, entry: w.deposit({ user: 0, amount: 1000n, tokenId: 1n }), exitPosition: 0 })
  applyQueueEntry({ state: genesis, entry: w.deposit({ user: 3, amount: 1000n, withKey: false }), exitPosition: 0 })
  const view = AccountView.fromState(genesis)
  const rows = new Map<bigint, TxRow>()
  const groups = new Map<number, GroupProof>()
  const batches: WriteBatch[] = []
  // The writer thread's part, in process: the commit, then the group signed.
  const sink = {
    write: async (b: WriteBatch) => {
      await new Promise((r) => setImmediate(r))
      if (opts.failWrites) throw new Error('disk full')
      batches.push(b)
      for (const t of b.txs) rows.set(bytesToHash(t.hash), { ...t })
      if (b.txs.length === 0) return { ms: 1, signMs: 0, group: null }
      const g = signPreconfirmationGroup({ privateKey: KEY, chainId: 31337n, rollup: ROLLUP, entries: b.txs.map((t) => ({ sequence: t.seq, txHash: t.hash, l1Deadline: t.l1Deadline })) })
      for (const t of b.txs) groups.set(t.seq, { firstSeq: g.firstSequence, count: g.count, root: g.root, signature: g.signature, proof: preconfirmationProof({ levels: g.levels, index: t.seq - g.firstSequence }) })
      return { ms: 1, signMs: 0, group: { firstSeq: g.firstSequence, count: g.count, signature: g.signature, levels: g.levels } }
    },
  }
  const journal = new Journal({ sink, heads: { seq: 0, queue: 0, block: 0 } })
  const c = fakeCrypto(w.domain)
  const critical: Error[] = []
  const admitted: number[] = []
  const mempool = new Mempool({
    view,
    domain: w.domain,
    crypto: c.crypto,
    journal,
    limits: { ...LIMITS, ...opts.limits },
    fees: FEES,
    ...(opts.feeTokens ? { feeTokens: opts.feeTokens } : {}),
    preconfDeadlineSeconds: 600,
    nextSeq: 1,
    queueLength: 0,
    lookup: (hash) => {
      const r = rows.get(hash)
      return r && { signed: decodeSignedTx(r.body), accepted: { seq: r.seq, hash, acceptedMs: r.acceptedMs, l1Deadline: r.l1Deadline, group: groups.get(r.seq)! } }
    },
    onAdmitted: (seq) => admitted.push(seq),
    onCritical: (e) => critical.push(e),
    now: () => 1_700_000_000_000,
  })
  const transfer = (user: number, from: bigint, nonce: bigint, extra: Partial<{ to: bigint; amount: bigint; fee: bigint }> = {}): SignedL2Tx =>
    w.sign(user, { type: TX_TYPE.TRANSFER, from, to: extra.to ?? 2n, amount: extra.amount ?? 10n, fee: extra.fee ?? 0n, nonce })
  return { w, view, mempool, journal, batches, rows, c, critical, admitted, transfer }
}

function signedOf(a: AcceptedTx): SignedPreconfirmation {
  const hex = (b: Uint8Array): `0x${string}` => `0x${Buffer.from(b).toString('hex')}`
  return {
    chainId: 31337n,
    rollup: ROLLUP,
    sequence: BigInt(a.seq),
    txHash: `0x${a.hash.toString(16).padStart(64, '0')}`,
    l1Deadline: BigInt(a.l1Deadline),
    firstSequence: BigInt(a.group.firstSeq),
    count: BigInt(a.group.count),
    root: hex(a.group.root),
    proof: a.group.proof.map(hex),
    signature: hex(a.group.signature),
  }
}

async function refusal(p: Promise<unknown>): Promise<TxRefusedError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(TxRefusedError)
    return e as TxRefusedError
  }
  throw new Error('expected a refusal')
}

describe('Mempool', () => {
  it('accepts a transfer: durable, sequenced, with a preconfirmation signed by the sequencer', async () => {
    const h = harness()
    const signed = h.transfer(0, 1n, 0n, { amount: 100n })
    const a = await h.mempool.submit(signed)
    expect(a.seq).toBe(1)
    expect(a.hash).toBe(txHash({ tx: signed.tx, domain: h.w.domain }))
    expect(a.l1Deadline).toBe(1_700_000_000 + 600)
    expect(h.journal.durable.seq).toBe(1)
    expect(h.view.get(1n)).toMatchObject({ balance: 900n, nonce: 1n })
    expect(h.view.get(2n)!.balance).toBe(1100n)
    expect(a.group).toMatchObject({ firstSeq: 1, count: 1, proof: [] })
    expect(await verifyPreconfirmation({ signed: signedOf(a), sequencer: privateKeyToAccount(KEY).address })).toBe(true)
    expect(h.mempool.stats()).toEqual({ verifying: 0, parked: 0, sequencing: 0, pending: 0, accounts: 0 })
  })

  it('transactions committed together share one signed group; each answer proves its place in it', async () => {
    const h = harness()
    h.c.hold()
    const sent = [0, 1, 2].flatMap((u) => [0n, 1n].map((n) => h.mempool.submit(h.transfer(u, BigInt(u + 1), n))))
    await new Promise((r) => setImmediate(r))
    h.c.release()
    const done = await Promise.all(sent)
    const withTxs = h.batches.filter((b) => b.txs.length > 0)
    expect(withTxs.length).toBeLessThan(done.length) // some commits held several transactions
    for (const a of done) {
      const batch = withTxs.find((b) => b.txs.some((t) => t.seq === a.seq))!
      expect(a.group.firstSeq).toBe(batch.txs[0]!.seq)
      expect(a.group.count).toBe(batch.txs.length)
      expect(await verifyPreconfirmation({ signed: signedOf(a), sequencer: privateKeyToAccount(KEY).address })).toBe(true)
    }
    // Members of a group carry the same signature and root, different proofs.
    const big = done.filter((a) => a.group.count > 1)
    expect(big.length).toBeGreaterThan(1)
    const same = big.filter((a) => a.group.firstSeq === big[0]!.group.firstSeq)
    expect(new Set(same.map((a) => Buffer.from(a.group.signature).toString('hex'))).size).toBe(1)
    expect(new Set(same.map((a) => a.group.proof.map((p) => Buffer.from(p).toString('hex')).join()))).toHaveProperty('size', same.length)
  })

  it('refuses with a stable code and a message that says what is wrong', async () => {
    const h = harness()
    const cases: [SignedL2Tx, string, RegExp][] = [
      [h.transfer(0, 99n, 0n), 'UNKNOWN_ACCOUNT', /account 99 does not exist/],
      [h.transfer(3, 6n, 0n), 'NO_KEY', /account 6 has no L2 key yet/],
      [h.transfer(0, 1n, 5n), 'NONCE_TOO_HIGH', /nonce too high: account nonce is 0, transaction has 5 \(at most 4 ahead/],
      [h.transfer(1, 1n, 0n), 'BAD_SIGNATURE', /invalid signature: signature does not match/],
      [h.transfer(0, 1n, 0n, { amount: 995n, fee: 10n }), 'INSUFFICIENT_BALANCE', /insufficient balance: account 1 holds 1000, needs 1005 \(amount \+ fee\)/],
      [h.transfer(0, 5n, 0n, { fee: 4n }), 'FEE_TOO_LOW', /fee below minimum: token 1 needs a fee of at least 5, transaction has 4/],
      [{ tx: { ...h.transfer(0, 1n, 0n).tx, amount: 123456789123456789n }, signature: h.transfer(0, 1n, 0n).signature }, 'NOT_REPRESENTABLE', /amount 123456789123456789 cannot be encoded exactly/],
      [h.transfer(0, 1n, 0n, { to: 77n }), 'UNKNOWN_RECIPIENT', /the receiving account 77 does not exist/],
      [h.transfer(0, 1n, 0n, { to: 5n }), 'TOKEN_MISMATCH', /account 1 holds token 0, account 5 holds token 1/],
    ]
    for (const [signed, code, message] of cases) {
      const e = await refusal(h.mempool.submit(signed))
      expect(e.code).toBe(code)
      expect(e.message).toMatch(message)
      expect(e.data.reason).toBe(code)
    }
    // Another chain's or rollup's signature does not verify here.
    const other = testWorld({ users: 4, chainId: 1n })
    const e = await refusal(h.mempool.submit(other.sign(0, { type: TX_TYPE.TRANSFER, from: 1n, to: 2n, amount: 1n, fee: 0n, nonce: 0n })))
    expect(e.code).toBe('BAD_SIGNATURE')
    expect(h.journal.durable.seq).toBe(0)
    expect(h.mempool.stats().pending).toBe(0)
  })

  it('checks each transaction against the state after the ones accepted before it', async () => {
    const h = harness()
    await h.mempool.submit(h.transfer(0, 1n, 0n, { amount: 600n }))
    const e = await refusal(h.mempool.submit(h.transfer(0, 1n, 1n, { amount: 600n })))
    expect(e.message).toBe('insufficient balance: account 1 holds 400, needs 600 (amount + fee)')
    const low = await refusal(h.mempool.submit(h.transfer(0, 1n, 0n, { amount: 5n })))
    expect(low.message).toBe('nonce too low: account nonce is 1, transaction has 0')
  })

  it('orders transactions that arrive out of order within the nonce gap', async () => {
    const h = harness()
    h.c.hold()
    const ps = [3n, 1n, 0n, 2n].map((n) => h.mempool.submit(h.transfer(0, 1n, n)))
    await new Promise((r) => setImmediate(r))
    h.c.release([0, 1, 3, 2]) // nonce 3, 1, 2 verified first: they wait for 0
    const out = await Promise.all(ps)
    expect(out.map((a) => a.seq)).toEqual([4, 2, 1, 3])
    expect(h.view.get(1n)!.nonce).toBe(4n)
  })

  it('a parked transaction times out with a precise message', async () => {
    const h = harness()
    const e = await refusal(h.mempool.submit(h.transfer(0, 1n, 2n)))
    expect(e.code).toBe('NONCE_TOO_HIGH')
    expect(e.message).toBe('nonce too high: account nonce is 0, transaction has 2, and no transaction with nonce 0 arrived within 150 ms')
    expect(h.mempool.stats().pending).toBe(0)
  })

  it('refuses a second transaction with a nonce already pending', async () => {
    const h = harness()
    const first = h.mempool.submit(h.transfer(0, 1n, 0n, { amount: 1n }))
    const e = await refusal(h.mempool.submit(h.transfer(0, 1n, 0n, { amount: 2n })))
    expect(e.code).toBe('ALREADY_PENDING')
    expect(e.severity).toBe('temporary')
    await first
  })

  it('enforces the per-account and total limits without evicting what is pending', async () => {
    const h = harness({ limits: { maxPendingPerAccount: 3, maxPendingTotal: 5, maxNonceGap: 10 } })
    h.c.hold()
    const a = [0n, 1n, 2n].map((n) => h.mempool.submit(h.transfer(0, 1n, n)))
    const acct = await refusal(h.mempool.submit(h.transfer(0, 1n, 3n)))
    expect(acct.code).toBe('ACCOUNT_PENDING_LIMIT')
    expect(acct.message).toBe('account 1 has 3 transactions pending, the limit is 3; wait for their preconfirmations')
    const b = [0n, 1n].map((n) => h.mempool.submit(h.transfer(1, 2n, n)))
    const total = await refusal(h.mempool.submit(h.transfer(2, 3n, 0n)))
    expect(total.code).toBe('PENDING_LIMIT')
    expect(total.message).toMatch(/the sequencer queue is full \(5 transactions pending, the limit is 5\)/)
    h.c.release()
    const done = await Promise.all([...a, ...b])
    expect(done.map((x) => x.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5])
    await h.mempool.submit(h.transfer(2, 3n, 0n)) // room again
  })

  it('answers a resent transaction with its preconfirmation, in flight or durable', async () => {
    const h = harness()
    const signed = h.transfer(0, 1n, 0n)
    h.c.hold()
    const first = h.mempool.submit(signed)
    await new Promise((r) => setImmediate(r))
    h.c.release()
    await new Promise((r) => setImmediate(r))
    const again = h.mempool.submit(signed) // sequenced, not yet durable
    const [x, y] = await Promise.all([first, again])
    expect(y).toEqual(x)
    const later: AcceptedTx = await h.mempool.submit(signed)
    expect(later.seq).toBe(x.seq)
    expect(later).toEqual(x)
    // Same content with another signature is not the same transaction.
    const forged = { ...signed, signature: { ...signed.signature, S: signed.signature.S + 1n } }
    expect((await refusal(h.mempool.submit(forged))).code).toBe('NONCE_TOO_LOW')
  })

  it('applies L1 queue entries in order, idempotently, durably', async () => {
    const h = harness()
    const w = h.w
    const out = await h.mempool.applyQueueEntries({ position: 0, entries: [w.deposit({ user: 2, amount: 50n })] })
    expect(out[0]).toMatchObject({ status: 'applied', accountIndex: 7n })
    await h.mempool.applyQueueEntries({ position: 0, entries: [w.deposit({ user: 2, amount: 50n }), w.deposit({ user: 2, amount: 60n, toIndex: 7n })] })
    expect(h.view.get(7n)!.balance).toBe(110n)
    expect(h.mempool.queueLength).toBe(2)
    expect(h.journal.durable.queue).toBe(2)
    await expect(h.mempool.applyQueueEntries({ position: 5, entries: [] })).rejects.toThrow('queue entries 2..4 are missing')
    const a = await h.mempool.submit(h.transfer(2, 7n, 0n, { amount: 100n }))
    expect(a.seq).toBe(1)
  })

  it('checks again with the new key when a set-key lands during verification', async () => {
    const h = harness()
    h.c.hold()
    const p = h.mempool.submit(h.transfer(0, 1n, 0n)).catch((e: unknown) => e)
    await new Promise((r) => setImmediate(r))
    await h.mempool.applyQueueEntries({ position: 0, entries: [{ kind: QUEUE_KIND.SET_KEY, sender: h.w.users[0]!.address, index: 1n, publicKey: h.w.users[1]!.publicKey }] })
    h.c.release()
    await new Promise((r) => setTimeout(r, 10))
    h.c.release()
    expect(((await p) as TxRefusedError).code).toBe('BAD_SIGNATURE')
  })

  it('a store failure is critical: callers get "unavailable", nothing more is taken', async () => {
    const h = harness({ failWrites: true })
    const e = await h.mempool.submit(h.transfer(0, 1n, 0n)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UnavailableError)
    expect((e as Error).message).toMatch(/stopped after a store failure.*disk full/)
    expect(h.critical).toHaveLength(1)
    expect(h.critical[0]!.message).toMatch(/disk full/)
    await expect(h.mempool.submit(h.transfer(1, 2n, 0n))).rejects.toBeInstanceOf(UnavailableError)
  })

  it('refuses a fee in a token the operator has no fee account for (no chunk could hold it), and takes fee 0', async () => {
    const h = harness({ feeTokens: new Set([1n]) })
    const e = await refusal(h.mempool.submit(h.transfer(0, 1n, 0n, { fee: 3n })))
    expect(e.code).toBe('NO_FEE_ACCOUNT')
    expect(e.message).toMatch(/takes no fees in token 0/)
    const ok = await h.mempool.submit(h.transfer(0, 1n, 0n, { fee: 0n }))
    expect(ok.seq).toBe(1)
    // Token 1 has a fee account: its fee is accepted.
    const paid = await h.mempool.submit(h.transfer(0, 5n, 0n, { fee: 5n, to: 5n }))
    expect(paid.seq).toBe(2)
  })
})
