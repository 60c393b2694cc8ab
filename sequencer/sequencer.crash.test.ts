import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { privateKeyToAddress } from 'viem/accounts'
import { TX_TYPE, prng } from '../protocol/transition/testWorld.ts'
import { testWorld } from '../protocol/transition/testWorld.ts'
import { verifyPreconfirmation } from './preconf/index.ts'
import { preconfirmationFromJson, type PreconfirmationJson } from './rpc/format/preconfirmationJson.ts'
import { signedTxToJson } from './rpc/format/signedTxJson.ts'
import { TEST_ROLLUP, TEST_SEQUENCER_KEY } from './testing/testSequencer.ts'

/**
 * kill -9 under load, many times: a child process runs the sequencer (FULL sync, blocks every
 * 50 ms) while this process sends signed transfers over HTTP from many accounts at once; the
 * child is killed at a random moment (sometimes while it is still replaying its store), then
 * restarted on the same store. Every preconfirmation ever received must still be there at the
 * same sequence number with the same transaction, in the same signed group with the same
 * signature (a group whose signature a crash kept from being written is signed again at start,
 * identically), sequence numbers stay contiguous, and no sequence number ever names two
 * transactions. Beyond the answers the senders got, after every restart the test collects
 * the preconfirmation of every durable number (including those signed but never answered
 * because of the kill): across all restarts the sequencer never signed two different
 * transactions for one number (what `slashEquivocation` would punish).
 */
const KILLS = Number(process.env.CW_CRASH_KILLS ?? 20)
const USERS = 24
const CONCURRENCY = 24
const dir = mkdtempSync(join(tmpdir(), 'cw-crash-'))
const dbPath = join(dir, 'sequencer.db')
const world = testWorld({ users: USERS, chainId: 31337n, rollupAddress: BigInt(TEST_ROLLUP) })
let child: ChildProcess | undefined
let spare: ChildProcess | undefined

afterAll(() => {
  child?.kill('SIGKILL')
  spare?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

interface Child {
  proc: ChildProcess
  workers: number
  warm: Promise<void>
  /** Lets it open the store; resolves with its port once it serves. */
  go(): Promise<number>
}

/** Starts a sequencer process that loads its modules and waits for `go()`. */
function spawnChild(workers: number): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'testing', 'crashChild.ts')], {
    env: { ...process.env, CW_DB_PATH: dbPath, CW_TEST_USERS: String(USERS), CW_WORKERS: String(workers) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let err = ''
  let out = ''
  proc.stderr!.on('data', (d) => (err += d.toString()))
  const exited = new Promise<never>((_, reject) => proc.on('exit', (code, signal) => reject(new Error(`sequencer exited (${code ?? signal}): ${err.slice(-2000)}`))))
  exited.catch(() => {})
  const seen = (re: RegExp): Promise<RegExpExecArray> =>
    Promise.race([
      new Promise<RegExpExecArray>((resolve) => {
        const check = (): void => {
          const m = re.exec(out)
          if (m) resolve(m)
          else proc.stdout!.once('data', (d) => ((out += d.toString()), check()))
        }
        check()
      }),
      exited,
    ])
  const warm = seen(/WARM/).then(() => undefined)
  warm.catch(() => {})
  return {
    proc,
    workers,
    warm,
    async go() {
      await warm
      proc.stdin!.write('GO\n')
      return Number((await seen(/READY (\d+)/))[1])
    },
  }
}

async function rpc(port: number, method: string, params: unknown[]): Promise<{ result?: any; error?: { code: number; message: string } }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  return (await r.json()) as { result?: unknown }
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
    proc.once('exit', () => resolve())
    proc.kill('SIGKILL')
  })
}

describe('crash safety', () => {
  it(`kill -9 under load, ${KILLS} times: every preconfirmation survives at its sequence number`, async () => {
    const r = prng(7)
    const received = new Map<number, PreconfirmationJson>()
    /** Every preconfirmation the sequencer ever served, answered or not, by sequence number. */
    const signedEver = new Map<number, PreconfirmationJson>()
    let refusedNonce = 0
    let killsDuringStart = 0
    const rounds: number[] = []
    // One round in four with a crypto worker thread, the others with crypto on the event loop
    // (faster to start): different timings of signing against the group commit. The next
    // process loads while the current one runs.
    const workersOf = (round: number): number => (round % 4 === 1 ? 1 : 0)
    let next = spawnChild(workersOf(0))
    for (let round = 0; round <= KILLS; round++) {
      const s = next
      child = s.proc
      const t0 = performance.now()
      await s.warm
      const tWarm = performance.now()
      const ready = s.go()
      ready.catch(() => {})
      // Now and then kill while it is still opening and replaying its store.
      if (round < KILLS && r.chance(0.15)) {
        await new Promise((res) => setTimeout(res, r.int(200)))
        if (s.proc.exitCode === null) {
          await killed(s.proc)
          killsDuringStart++
          await ready.catch(() => {})
          next = spawnChild(workersOf(round + 1))
          spare = next.proc
          continue
        }
      }
      const port = await ready.finally(() => {
        // The next process loads while this one serves (not while it starts).
        next = spawnChild(workersOf(round + 1))
        spare = next.proc
      })
      const tReady = performance.now()

      // After every restart: every preconfirmation received so far is there, unchanged.
      const seqs = [...received.keys()]
      for (let i = 0; i < seqs.length; i += 50) {
        const batch = seqs.slice(i, i + 50).map((seq, j) => ({ jsonrpc: '2.0', id: j, method: 'rollup_getPreconfirmation', params: [`0x${seq.toString(16)}`] }))
        const res = (await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })).json()) as { id: number; result: PreconfirmationJson }[]
        for (const x of res) expect(x.result, `seq ${seqs[i + x.id]}`).toEqual(received.get(seqs[i + x.id]!))
      }
      // Every durable number's preconfirmation, answered before the kill or not: one transaction per number, ever.
      const durable = Number(BigInt((await rpc(port, 'rollup_status', [])).result.preconfirmedSequence))
      for (let first = 1; first <= durable; first += 50) {
        const batch = Array.from({ length: Math.min(50, durable - first + 1) }, (_, j) => ({ jsonrpc: '2.0', id: j, method: 'rollup_getPreconfirmation', params: [`0x${(first + j).toString(16)}`] }))
        const res = (await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })).json()) as { id: number; result: PreconfirmationJson | null }[]
        for (const x of res) {
          const seq = first + x.id
          expect(x.result, `durable ${seq} has no preconfirmation`).not.toBeNull()
          const before = signedEver.get(seq)
          if (before) expect(x.result!.txHash, `sequence ${seq} signed for two transactions`).toBe(before.txHash)
          else signedEver.set(seq, x.result!)
        }
      }
      const tChecked = performance.now()
      if (process.env.CW_CRASH_DEBUG) console.log(`round ${round}: warm ${(tWarm - t0).toFixed(0)} ms, start ${(tReady - tWarm).toFixed(0)} ms, check ${(tChecked - tReady).toFixed(0)} ms`)
      if (round === KILLS) break

      // Load: CONCURRENCY senders, each its own account, nonces from the sequencer's state.
      let stop = false
      const senders = Array.from({ length: CONCURRENCY }, async (_, k) => {
        const user = (round * 7 + k) % USERS
        const index = `0x${(user + 1).toString(16)}`
        try {
          let nonce = BigInt((await rpc(port, 'rollup_getAccount', [index])).result.nonce)
          while (!stop) {
            const tx = signedTxToJson({
              signed: world.sign(user, { type: TX_TYPE.TRANSFER, from: BigInt(user + 1), to: BigInt(((user + 1) % USERS) + 1), amount: 1000n, fee: 0n, nonce }),
              chainId: 31337n,
              rollup: TEST_ROLLUP,
            })
            const res = await rpc(port, 'rollup_sendTransaction', [tx])
            if (res.result) {
              const pre = res.result as PreconfirmationJson
              const seq = Number(BigInt(pre.sequence))
              const before = received.get(seq)
              if (before) expect(pre, `sequence ${seq} given twice`).toEqual(before)
              const served = signedEver.get(seq)
              if (served) expect(pre.txHash, `sequence ${seq} signed for two transactions`).toBe(served.txHash)
              else signedEver.set(seq, pre)
              received.set(seq, pre)
              nonce++
            } else if (res.error?.code === -38001) {
              refusedNonce++
              nonce = BigInt((await rpc(port, 'rollup_getAccount', [index])).result.nonce)
            } else throw new Error(`unexpected answer ${JSON.stringify(res.error)}`)
          }
        } catch (e) {
          if (!(e instanceof TypeError && /fetch failed/.test(e.message))) throw e // anything but the kill
        }
      })
      await new Promise((res) => setTimeout(res, 100 + r.int(300)))
      await killed(s.proc)
      stop = true
      await Promise.all(senders)
      rounds.push(received.size)

      // Straight from the store after the kill: the same transaction at every sequence number.
      const db = new Database(dbPath, { readonly: true })
      const rows = db.prepare('SELECT seq, hash, l1_deadline FROM txs ORDER BY seq').all() as { seq: number; hash: Buffer; l1_deadline: number }[]
      const groups = new Map((db.prepare('SELECT first_seq, count, signature FROM groups').all() as { first_seq: number; count: number; signature: Buffer | null }[]).map((g) => [g.first_seq, g]))
      db.close()
      rows.forEach((row, i) => expect(row.seq).toBe(i + 1))
      for (const [seq, pre] of received) {
        const row = rows[seq - 1]
        expect(row, `preconfirmed ${seq} missing after kill ${round}`).toBeDefined()
        expect(`0x${row!.hash.toString('hex')}`).toBe(pre.txHash)
        expect(row!.l1_deadline).toBe(Number(BigInt(pre.l1Deadline)))
        // Its signed group is durable with the same boundaries (and signature, once written).
        const group = groups.get(Number(BigInt(pre.firstSequence)))
        expect(group, `group of ${seq} missing after kill ${round}`).toBeDefined()
        expect(group!.count).toBe(Number(BigInt(pre.count)))
        if (group!.signature) expect(`0x${group!.signature.toString('hex')}`).toBe(pre.signature)
      }
    }
    await killed(child!)
    await killed(next.proc)

    const sequencer = privateKeyToAddress(TEST_SEQUENCER_KEY)
    for (const pre of signedEver.values()) expect(await verifyPreconfirmation({ signed: preconfirmationFromJson(pre), sequencer })).toBe(true)
    expect(signedEver.size).toBeGreaterThanOrEqual(received.size)
    console.log(`crash test: ${KILLS} kills (${killsDuringStart} while starting), ${signedEver.size} numbers signed for one transaction each, ${received.size} answered preconfirmations kept at their sequence numbers (after each kill: ${rounds.join(' ')}), ${refusedNonce} nonce refreshes`)
    expect(received.size).toBeGreaterThan(KILLS * 5)
  }, 240_000)
})
