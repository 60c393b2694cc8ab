import { pino } from 'pino'
import { proverConfigFromEnv } from './config/proverConfig.ts'
import { ProverError, TakeOverError } from './errors.ts'
import { startProverProcess } from './startProverProcess.ts'
import { runTakeOver } from './takeover/runTakeOver.ts'

/**
 * The prover service's entry as a function: `argv` are the words after the program (`[]` or
 * `['prove']` to prove, `['takeover', '--calldata']` to take over), `env` its `CW_*`
 * configuration. It keeps the process alive while proving and exits it on SIGINT/SIGTERM, on a
 * finished take-over (0, or 2 when refused) and on a configuration error (1, the message printed).
 *
 * @example
 * ```ts
 * await proverMain({ argv: ['takeover'], env: process.env })
 * ```
 */
export async function proverMain(params: { argv: readonly string[]; env: NodeJS.ProcessEnv }): Promise<void> {
  try {
    await run(params)
  } catch (e) {
    // configuration errors carry messages meant for the operator: print them plainly
    if (e instanceof ProverError) console.error(`prover: ${e.message}`)
    else console.error(e)
    process.exit(1)
  }
}

async function run(params: { argv: readonly string[]; env: NodeJS.ProcessEnv }): Promise<void> {
  const [command = 'prove', ...flags] = params.argv
  const config = proverConfigFromEnv(params.env)
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

