/**
 * The sequencer as a process: reads the configuration once from `CW_*` variables (and the
 * JSON file named by `CW_CONFIG`), opens the store, serves JSON-RPC, seals blocks, and stops
 * gracefully on SIGTERM or SIGINT (answers what is in progress, writes everything). With
 * `CW_L1_RPC_URL` it also follows the L1 queue and runs the batcher, sending commits with the
 * sequencer key. A critical failure (the store, an L1 reorg deeper than the confirmations, a
 * batch conflict) exits with status 1 so that a supervisor restarts it; the restart rebuilds
 * everything from the store.
 *
 * @example
 * ```sh
 * CW_CHAIN_ID=31337 CW_ROLLUP_ADDRESS=0x5FbDB2315678afecb367f032d93F642f64180aa3 \
 * CW_SEQUENCER_KEY=0x… CW_DB_PATH=./data/sequencer.db CW_PARAMS=devnet npx tsx sequencer/main.ts
 * ```
 */
import { createPublicClient, createWalletClient, http, type PublicClient } from 'viem'
import { l1Chain, loadKzg } from '../l1-contracts/index.ts'
import { privateKeyToAccount } from 'viem/accounts'
import { pino } from 'pino'
import { configFromEnv, type SequencerConfig } from './config/index.ts'
import { createSequencer, type SequencerL1 } from './createSequencer.ts'
import { L1TxManager, l1TxConfigFromEnv } from './l1/index.ts'
import { SequencerError } from './errors/index.ts'
import { createRpcServer } from './rpc/createRpcServer.ts'

/**
 * The L1 side's dependencies when `l1.rpcUrl` is configured: a public client, and the L1
 * transaction manager (owns the sequencer key's nonce, bumps fees, resubmits, picks blob or
 * calldata) with its own store beside the sequencer's (`<dbPath>.l1tx`).
 */
async function l1Parts(config: SequencerConfig, onCritical: () => void): Promise<{ l1: SequencerL1; manager: L1TxManager } | undefined> {
  const url = config.l1.rpcUrl
  if (!url) return undefined
  const transport = http(url, { timeout: 60_000 })
  const client = createPublicClient({ transport }) as PublicClient
  const chainId = await client.getChainId()
  const chain = l1Chain({ chainId, rpcUrl: url })
  const walletClient = createWalletClient({ account: privateKeyToAccount(config.sequencerKey), chain, transport })
  const manager = await L1TxManager.open({
    walletClient,
    publicClient: client,
    // Loaded now (about 2 s of native setup): loading it at the first blob commit would stall
    // the event loop that answers preconfirmations, and delay that commit after a restart.
    kzg: loadKzg(),
    dbPath: `${config.dbPath}.l1tx`,
    config: l1TxConfigFromEnv(process.env),
    logger: pino({ level: config.logLevel, base: { service: 'l1tx' } }),
    onCritical,
  })
  return { l1: { client, sender: manager }, manager }
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env)
  const critical = (): void => void setTimeout(() => process.exit(1), 100)
  // The L1 parts (KZG setup, L1 transaction manager) get ready while the sequencer's worker
  // threads start; the batcher starts in the background: the server listens (and takes
  // transactions, which only go to the durable log) as soon as the store and the signer are ready.
  const l1Starting = l1Parts(config, critical)
  l1Starting.catch(() => {}) // awaited below; createSequencer reports it first
  const sequencer = await createSequencer({ config, ...(config.l1.rpcUrl ? { l1: l1Starting.then((p) => p!.l1) } : {}), onCritical: critical, batcherInit: 'background' })
  const l1 = await l1Starting
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
    await l1?.manager.close()
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
