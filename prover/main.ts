/**
 * The prover as a process. `prove` (default): proves committed, unproven chunks read from L1
 * and finalizes completed batches until SIGINT or SIGTERM (it finishes or abandons nothing
 * half-sent: the proof in progress completes first). `takeover`: commits, proves and finalizes
 * a batch consuming overdue queue entries, then exits (status 2 when refused, with the reason).
 * Configuration: `CW_*` variables (see `prover/config/proverConfig.ts`).
 *
 * @example
 * ```sh
 * CW_L1_RPC_URL=http://127.0.0.1:8545 CW_ROLLUP_ADDRESS=0x… CW_DEPLOYMENT_BLOCK=1 CW_PROVER_KEY=0x… \
 * CW_PROVER_PROOFS=dev CW_PROVER_STORE=./data/prover.sqlite npx tsx prover/main.ts
 * npx tsx prover/main.ts takeover --calldata
 * ```
 */
import { pino } from 'pino'
import { proverConfigFromEnv } from './config/proverConfig.ts'
import { ProverError, TakeOverError } from './errors.ts'
import { startProverProcess } from './startProverProcess.ts'
import { runTakeOver } from './takeover/runTakeOver.ts'

async function main(): Promise<void> {
  const [command = 'prove', ...flags] = process.argv.slice(2)
  const config = proverConfigFromEnv(process.env)
  const logger = pino({ level: config.logLevel, base: { service: 'prover' } })
  if (command === 'takeover') {
    try {
      const r = await runTakeOver({ config, logger, da: flags.includes('--calldata') ? 'calldata' : 'blob' })
      logger.info({ batch: r.batch === undefined ? undefined : String(r.batch), queueStart: String(r.queueStart), queueEnd: String(r.queueEnd), tx: r.transactionHash, gasUsed: r.gasUsed === undefined ? undefined : String(r.gasUsed) }, 'take-over done')
      process.exit(0)
    } catch (e) {
      if (e instanceof TakeOverError) {
        logger.error({ reason: e.reason }, e.message)
        process.exit(2)
      }
      throw e
    }
  }
  if (command !== 'prove') throw new ProverError('INVALID_CONFIG', `unknown command '${command}': prove or takeover`)
  const prover = await startProverProcess({ config, logger })
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping after the proof in progress')
    await prover.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((e: unknown) => {
  // configuration errors carry messages meant for the operator: print them plainly
  if (e instanceof ProverError) console.error(`prover: ${e.message}`)
  else console.error(e)
  process.exit(1)
})
