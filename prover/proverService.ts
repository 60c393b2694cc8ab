import type { Chunk } from '../protocol/index.ts'
import { proveChunk, type ChunkProof } from './proveChunk.ts'

/** One chunk to prove: where it sits on L1 and the chunk rebuilt from L1 data. */
export interface ProofJob {
  batch: bigint
  chunkIndex: number
  chunk: Chunk
}

/** Where jobs come from: committed, unproven chunks (read from L1 by later issues). */
export interface ProofJobSource {
  /** The next chunk to prove, or undefined when there is none right now. */
  next(): Promise<ProofJob | undefined>
}

/** Where proofs go: the rollup contract's `prove` (later issues), or a test double. */
export interface ProofSink {
  submit(job: ProofJob, proof: ChunkProof): Promise<void>
}

/** The logger the service writes to (pino's shape). */
export interface ServiceLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** A running prover service. */
export interface ProverService {
  /** Resolves once the loop has stopped (after the proof in progress, if any). */
  stop(): Promise<void>
  /** Jobs proven and submitted since start. */
  readonly proven: number
}

/**
 * Starts the prover loop: take the next job, prove it (in a child process, with a progress
 * line every `progressMs` while it runs), submit the proof;
 * when there is no job, wait `pollMs`; when proving or submitting fails, log it and retry the
 * job after a backoff that doubles up to `maxBackoffMs`. It keeps no state of its own: a
 * prover that dies resumes from whatever the source says is still unproven.
 *
 * @example
 * ```ts
 * const service = startProverService({ source, sink, wasm, zkey, logger: pino() })
 * await service.stop()
 * ```
 */
export function startProverService(params: {
  source: ProofJobSource
  sink: ProofSink
  wasm: string
  zkey: string
  logger: ServiceLogger
  pollMs?: number
  maxBackoffMs?: number
  /** While a proof runs, log a progress line (batch, chunk, elapsed) this often (default 15 s; 0: never). */
  progressMs?: number
  prove?: typeof proveChunk
}): ProverService {
  const { source, sink, logger } = params
  const pollMs = params.pollMs ?? 1000
  const maxBackoffMs = params.maxBackoffMs ?? 60_000
  const prove = params.prove ?? proveChunk
  let stopping = false
  let proven = 0
  let wake: (() => void) | undefined
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  const loop = (async () => {
    let backoff = pollMs
    while (!stopping) {
      let job: ProofJob | undefined
      try {
        job = await source.next()
        if (!job) {
          await sleep(pollMs)
          continue
        }
        const started = Date.now()
        logger.info({ batch: String(job.batch), chunk: job.chunkIndex }, 'proving chunk')
        const progressMs = params.progressMs ?? 15_000
        const current = job
        const ticker = progressMs > 0 ? setInterval(() => logger.info({ batch: String(current.batch), chunk: current.chunkIndex, elapsedMs: Date.now() - started }, 'still proving'), progressMs) : undefined
        let proof: Awaited<ReturnType<typeof prove>>
        try {
          proof = await prove({ chunk: job.chunk, wasm: params.wasm, zkey: params.zkey })
        } finally {
          if (ticker) clearInterval(ticker)
        }
        logger.info({ batch: String(job.batch), chunk: job.chunkIndex, witnessMs: proof.witnessMs === undefined ? undefined : Math.round(proof.witnessMs), proveMs: Math.round(proof.proveMs), cpuMs: proof.cpuMs === undefined ? undefined : Math.round(proof.cpuMs) }, 'chunk proven; submitting')
        await sink.submit(job, proof)
        proven++
        backoff = pollMs
        logger.info({ batch: String(job.batch), chunk: job.chunkIndex, proveMs: Math.round(proof.proveMs), totalMs: Date.now() - started }, 'chunk proven and submitted')
      } catch (e) {
        logger.error({ batch: job ? String(job.batch) : undefined, chunk: job?.chunkIndex, err: String(e), retryInMs: backoff }, 'proving failed')
        await sleep(backoff)
        backoff = Math.min(backoff * 2, maxBackoffMs)
      }
    }
  })()

  return {
    get proven() {
      return proven
    },
    async stop() {
      stopping = true
      wake?.()
      await loop
    },
  }
}
