/**
 * The sequencer as a process: reads the configuration once from `CW_*` variables (and the
 * JSON file named by `CW_CONFIG`), opens the store, serves JSON-RPC, seals blocks, and stops
 * gracefully on SIGTERM or SIGINT (answers what is in progress, writes everything). A
 * critical failure (the store) exits with status 1 so that a supervisor restarts it; the
 * restart rebuilds everything from the store.
 *
 * @example
 * ```sh
 * CW_CHAIN_ID=31337 CW_ROLLUP_ADDRESS=0x5FbDB2315678afecb367f032d93F642f64180aa3 \
 * CW_SEQUENCER_KEY=0x… CW_DB_PATH=./data/sequencer.db CW_PARAMS=devnet npx tsx sequencer/main.ts
 * ```
 */
import { configFromEnv } from './config/index.ts'
import { createSequencer } from './createSequencer.ts'
import { SequencerError } from './errors/index.ts'
import { createRpcServer } from './rpc/createRpcServer.ts'

async function main(): Promise<void> {
  const config = configFromEnv(process.env)
  const sequencer = await createSequencer({ config, onCritical: () => setTimeout(() => process.exit(1), 100) })
  const app = createRpcServer({ sequencer })
  sequencer.start()
  await app.listen({ host: config.http.host, port: config.http.port })
  sequencer.logger.info({ address: app.server.address(), sequencer: sequencer.address, chainId: String(config.chainId) }, 'sequencer listening')
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    sequencer.logger.info({ signal }, 'stopping')
    await app.close()
    await sequencer.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((e: unknown) => {
  // Configuration and store errors carry messages meant for the operator; print them plainly.
  if (e instanceof SequencerError) console.error(`sequencer: ${e.message}`)
  else console.error(e)
  process.exit(1)
})
