import { MessageChannel, Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { GroupSignerClient } from './GroupSignerClient.ts'

const group = (firstSeq: number) => ({ firstSeq, count: 1, signature: new Uint8Array(65).fill(firstSeq), levels: [[new Uint8Array(32).fill(firstSeq)]] })
let worker: Worker | undefined
afterEach(async () => {
  await worker?.terminate()
  worker = undefined
})

/**
 * A stand-in signer thread: answers job `id` with a group whose firstSeq is `id`, after
 * `delayMs`; job 2 first gets an answer for another id (a late answer to an earlier job); job
 * 3 gets an error; job 4 never gets an answer.
 */
function fakeSigner(delayMs: number): GroupSignerClient {
  const { port1, port2 } = new MessageChannel()
  const flag = new Int32Array(new SharedArrayBuffer(4))
  worker = new Worker(
    `const { workerData } = require('node:worker_threads')
     const { port, flag, delayMs } = workerData
     const answer = (m) => { port.postMessage(m); Atomics.add(flag, 0, 1); Atomics.notify(flag, 0) }
     port.on('message', ({ id }) => setTimeout(() => {
       if (id === 2) answer({ id: 99, group: { firstSeq: 99 } })
       if (id === 3) return answer({ id, error: 'boom' })
       if (id === 4) return
       answer({ id, ms: 0.5, group: { firstSeq: id, count: 1, signature: new Uint8Array(65).fill(id), levels: [[new Uint8Array(32).fill(id)]] } })
     }, delayMs))`,
    { eval: true, workerData: { port: port2, flag, delayMs }, transferList: [port2] },
  )
  return new GroupSignerClient({ port: port1, flag, timeoutMs: 500 })
}

describe('GroupSignerClient', () => {
  it("waits (blocking) for its job's answer, skips answers to other jobs, and gives undefined for a failed job", () => {
    const client = fakeSigner(20)
    const entries = [{ sequence: 1, txHash: new Uint8Array(32), l1Deadline: 0 }]
    expect(client.finish(client.start(entries))?.group).toEqual(group(1))
    expect(client.finish(client.start(entries))?.group).toEqual(group(2)) // after a stray answer for job 99
    expect(client.finish(client.start(entries))).toBeUndefined() // the signer failed it
    expect(client.alive).toBe(true)
  })

  it('turns itself off after a job times out, so a dead signer costs one wait', () => {
    const client = fakeSigner(0)
    const entries = [{ sequence: 1, txHash: new Uint8Array(32), l1Deadline: 0 }]
    for (let i = 1; i <= 3; i++) client.finish(client.start(entries))
    expect(client.finish(client.start(entries))).toBeUndefined() // job 4: no answer within 500 ms
    expect(client.alive).toBe(false)
    client.stop()
    expect(client.alive).toBe(false)
  })
})
