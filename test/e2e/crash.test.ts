/**
 * Scenario 4, crash: the sequencer process (`sequencer/main.ts` with its L1 follower, batcher
 * and L1 transaction manager, against anvil with real EIP-4844 blobs; INSECURE mock verifier,
 * since the properties are the sequencer's) is killed with SIGKILL at least 20 times while a
 * load generator sends signed transfers from several accounts and records every
 * preconfirmation. After each restart every preconfirmed transaction is found at its sequence
 * number (`rollup_getPreconfirmation`, same hash and signature); at the end every preconfirmed
 * transaction is in a committed batch, `BatchCommitted` events number the batches 1, 2, 3, ...
 * each exactly once, and the sequencer key's L1 nonces seen in blocks are exactly
 * 0..eth_getTransactionCount-1 (none skipped, none used twice).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { toHex } from 'viem'
import { prng } from '../../protocol/transition/testWorld.ts'
import { startSequencerRig, type SequencerRig } from './sequencerRig.ts'

const KILLS = Number(process.env.CW_E2E_KILLS ?? 20)
const USERS = 4
let rig: SequencerRig | undefined

afterAll(async () => {
  await rig?.stop()
}, 60_000)

interface Received {
  txHash: string
  signature: string
}

describe('e2e scenario 4: SIGKILL under load', () => {
  it(`kills the sequencer ${KILLS} times: preconfirmations survive, no batch twice, no L1 nonce skipped`, async () => {
    // Crypto on the event loop (no worker threads to start): restarts are about the store and L1.
    // The checks after each restart ask for every preconfirmation so far (thousands of calls in
    // batches): lift the per-client rate limit, which would otherwise answer 429.
    rig = await startSequencerRig({ blockTime: 1, env: { CW_WORKERS: '0', CW_RATE_LIMIT_PER_SECOND: '1000000', CW_RATE_LIMIT_BURST: '1000000' } })
    const r = prng(4)
    await rig.startSequencer()
    const users = await rig.depositUsers({ count: USERS, ether: '1' })
    const received = new Map<bigint, Received>()
    let errorsWhileAlive = 0
    let errorsAtKill = 0
    const perRound: number[] = []
    const startMs: number[] = []

    for (let round = 0; round <= KILLS; round++) {
      const t0 = performance.now()
      if (round > 0) await rig.startSequencer()
      startMs.push(Math.round(performance.now() - t0))
      // After every restart: each preconfirmation received so far is there, unchanged.
      const seqs = [...received.keys()]
      const found = (await rig.rpcMany('rollup_getPreconfirmation', seqs.map((q) => [toHex(q)]))) as ({ txHash: string; signature: string } | null)[]
      seqs.forEach((seq, i) => {
        expect(found[i]?.txHash, `sequence ${seq} after restart ${round}`).toBe(received.get(seq)!.txHash)
        expect(found[i]?.signature, `signature of ${seq} after restart ${round}`).toBe(received.get(seq)!.signature)
      })
      if (round === KILLS) break

      // Load: each user sends transfers back to back until the kill.
      let killed = false
      const senders = users.map(async (u, k) => {
        const to = users[(k + 1) % USERS]!.index
        while (!killed) {
          try {
            const res = await rig!.transfer({ from: u, to, amount: 1000n })
            const before = received.get(res.sequence)
            if (before) expect(before.txHash, `sequence ${res.sequence} given twice`).toBe(res.txHash)
            received.set(res.sequence, { txHash: res.txHash, signature: res.preconfirmation.signature })
          } catch (e) {
            if (killed) errorsAtKill++
            else {
              errorsWhileAlive++
              if (errorsWhileAlive > 50) throw e
              await new Promise((res) => setTimeout(res, 50))
            }
          }
        }
      })
      // Kill at a random moment: between 0.3 and 2 s of load (1-second L1 blocks, batches
      // every 1.5 s, commits sent while the next batch fills, so some kills land while a commit is being signed, sent or confirmed).
      await new Promise((res) => setTimeout(res, 300 + r.int(1700)))
      killed = true
      await rig.kill()
      await Promise.all(senders)
      perRound.push(received.size)
      if (process.env.CW_E2E_DEBUG) console.log(`round ${round}: restart ${startMs.at(-1)} ms, ${received.size} preconfirmations`)
    }

    // Let the last process commit everything preconfirmed.
    const maxSeq = [...received.keys()].reduce((a, b) => (a > b ? a : b), 0n)
    const deadline = Date.now() + 90_000
    let covered = 0n
    while (Date.now() < deadline) {
      const status = (await rig.rpc('rollup_status')) as { committedBatch: string | number | null } | undefined
      if (status?.committedBatch !== null && status?.committedBatch !== undefined) {
        const b = (await rig.rpc('rollup_getBatch', [toHex(BigInt(status.committedBatch))])) as { firstSequence: string; transactionCount: string | number } | undefined
        if (b) covered = BigInt(b.firstSequence) + BigInt(b.transactionCount) - 1n
      }
      if (covered >= maxSeq) break
      await new Promise((res) => setTimeout(res, 500))
    }
    expect(covered, 'every preconfirmed transaction is in a committed batch').toBeGreaterThanOrEqual(maxSeq)
    await rig.kill()

    // No batch committed twice: BatchCommitted numbers are 1..n (batch 0 is genesis), each once.
    const commits = await rig.committedBatches()
    const numbers = commits.map((c) => c.batch)
    expect(numbers).toEqual(numbers.map((_, i) => BigInt(i + 1)))
    const blobCommits = commits.filter((c) => !c.calldataDA).length

    // No L1 nonce skipped: the sequencer key's transactions in blocks use 0..count-1, each once.
    const client = rig.anvil.publicClient
    const head = await client.getBlockNumber()
    const nonces: number[] = []
    for (let n = 0n; n <= head; n++) {
      const block = await client.getBlock({ blockNumber: n, includeTransactions: true })
      for (const tx of block.transactions) if (tx.from.toLowerCase() === rig.sequencerAddress.toLowerCase()) nonces.push(tx.nonce)
    }
    const count = await client.getTransactionCount({ address: rig.sequencerAddress })
    nonces.sort((a, b) => a - b)
    expect(nonces).toEqual(Array.from({ length: count }, (_, i) => i))

    console.log(
      `scenario 4 (crash): ${KILLS} SIGKILLs; ${received.size} preconfirmations (max sequence ${maxSeq}) found at their sequence numbers after every restart ` +
        `(cumulative after each kill: ${perRound.join(' ')}); ${errorsAtKill} sends cut by a kill, ${errorsWhileAlive} refused while alive; ` +
        `${commits.length} batches committed (${blobCommits} as blobs), numbers 1..${commits.length} each once; ` +
        `restarts took ${startMs.slice(1).join(' ')} ms (loaded machine); sequencer L1 nonce ${count}, ${nonces.length} transactions seen with nonces 0..${count - 1}, none skipped`,
    )
    expect(received.size).toBeGreaterThan(KILLS * 5)
    expect(commits.length).toBeGreaterThan(1)
  }, 600_000)
})
