/**
 * The node as a process: reads the configuration once from the `CW_NODE_*` variables
 * (`nodeConfigFromEnv`, see docs/node.md), opens its store (resuming where it stopped), serves
 * JSON-RPC and syncs from L1; stops cleanly on SIGINT or SIGTERM (answers what is in progress,
 * finishes the sync under way, closes the store). A bad configuration exits with status 1 and a
 * message naming the variables.
 *
 * @example
 * ```sh
 * CW_NODE_L1_RPC_URL=http://127.0.0.1:8545 CW_NODE_ROLLUP_ADDRESS=0x5FbDB2315678afecb367f032d93F642f64180aa3 \
 * CW_NODE_DEPLOYMENT_BLOCK=1 CW_NODE_DB_PATH=./data/node.sqlite CW_NODE_HTTP_PORT=8548 npx tsx sequencer/node/main.ts
 * ```
 */
import { NodeError } from './errors.ts'
import { nodeConfigFromEnv } from './process/nodeConfig.ts'
import { startNodeProcess } from './process/startNodeProcess.ts'

async function main(): Promise<void> {
  const p = await startNodeProcess({ config: nodeConfigFromEnv(process.env) })
  const stop = (signal: string): void => {
    p.logger.info({ signal }, 'stopping')
    void p.stop().then(() => process.exit(0))
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

main().catch((e: unknown) => {
  if (e instanceof NodeError) console.error(`node: ${e.message}`)
  else console.error(e)
  process.exit(1)
})
