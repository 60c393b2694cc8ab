import { join } from 'node:path'
import type { Address, Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { ChunkKeys } from '../../circuits/index.ts'
import type { RollupDeployment } from '../../l1-contracts/index.ts'
import type { Anvil } from '../../test/harness/anvil.ts'
import type { DevnetOptions } from './devnetOptions.ts'
import { rpcProbe } from './rpcProbe.ts'
import { SEQUENCER_NODE_FLAGS } from '../../sequencer/nodeFlags.ts'

/** How to start one devnet service. */
export interface ServicePlan {
  name: 'sequencer' | 'node' | 'prover'
  /** Entry file relative to the repository root. */
  entry: string
  /** Node flags the service runs with. */
  nodeFlags?: readonly string[]
  env: Record<string, string>
  url: string | undefined
  probe: () => Promise<boolean>
  summary: string
}

function devKey(anvil: Anvil, index: number): Hex {
  const key = anvil.accounts[index]!.getHdKey().privateKey
  if (!key) throw new Error(`anvil dev account ${index} has no private key`)
  return `0x${Buffer.from(key).toString('hex')}`
}

/**
 * The devnet's services in start order, with the environment each reads its configuration
 * from: the sequencer (anvil dev account 0, which deployed the rollup and holds the
 * sequencer role), the node (reads only L1), and the prover (anvil dev account 9).
 *
 * @example
 * ```ts
 * for (const svc of devnetServices({ options, anvil, deployment, keys, dataDir })) console.log(svc.name, svc.entry)
 * ```
 */
export function devnetServices(params: {
  options: DevnetOptions
  anvil: Anvil
  deployment: RollupDeployment
  keys: ChunkKeys | undefined
  dataDir: string
}): ServicePlan[] & { sequencerAddress: Address } {
  const { options: o, anvil, deployment, keys, dataDir } = params
  const sequencerKey = devKey(anvil, 0)
  const common = {
    CW_CHAIN_ID: String(anvil.chain.id),
    CW_ROLLUP_ADDRESS: deployment.rollup,
    CW_L1_RPC_URL: anvil.rpcUrl,
    CW_DEPLOYMENT_BLOCK: deployment.blockNumber.toString(),
    CW_PARAMS: o.paramsName,
    CW_LOG_LEVEL: 'info',
  }
  const sequencerUrl = `http://127.0.0.1:${o.sequencerPort}`
  const nodeUrl = `http://127.0.0.1:${o.nodePort}`
  const plan: ServicePlan[] = [
    {
      name: 'sequencer',
      entry: 'sequencer/main.ts',
      nodeFlags: SEQUENCER_NODE_FLAGS,
      env: {
        ...common,
        CW_L2_CHAIN_ID: o.l2ChainId.toString(),
        CW_SEQUENCER_KEY: sequencerKey,
        CW_DB_PATH: join(dataDir, 'sequencer.db'),
        CW_HTTP_HOST: '127.0.0.1',
        CW_HTTP_PORT: String(o.sequencerPort),
        CW_L1_CONFIRMATIONS: '1',
        CW_L1_FROM_BLOCK: deployment.blockNumber.toString(),
        CW_L1_POLL_MS: '500',
        CW_L1_POLL_INTERVAL_MS: '500',
        CW_L1_RESUBMIT_AFTER_MS: '12000',
        // Small batches often: a devnet user sees commit, proof and finality within a minute.
        CW_BATCH_MAX_AGE_MS: '3000',
      },
      url: sequencerUrl,
      probe: async () => (await rpcProbe({ url: sequencerUrl, method: 'eth_chainId' })) !== undefined,
      summary: `${sequencerUrl} (preconfirmations signed by ${privateKeyToAddress(sequencerKey)})`,
    },
  ]
  if (o.startNode) {
    plan.push({
      name: 'node',
      entry: 'sequencer/node/main.ts',
      env: {
        CW_NODE_L1_RPC_URL: anvil.rpcUrl,
        CW_NODE_ROLLUP_ADDRESS: deployment.rollup,
        CW_NODE_DEPLOYMENT_BLOCK: deployment.blockNumber.toString(),
        CW_NODE_DB_PATH: join(dataDir, 'node.db'),
        CW_NODE_HTTP_HOST: '127.0.0.1',
        CW_NODE_HTTP_PORT: String(o.nodePort),
        CW_NODE_CONFIRMATIONS: '1',
        CW_NODE_POLL_INTERVAL_MS: '1000',
        CW_NODE_L2_CHAIN_ID: o.l2ChainId.toString(),
        CW_NODE_LOG_LEVEL: 'info',
      },
      url: nodeUrl,
      probe: async () => (await rpcProbe({ url: nodeUrl, method: 'eth_chainId' })) !== undefined,
      summary: `${nodeUrl} (rebuilds the state from L1 only)`,
    })
  }
  if (o.startProver) {
    plan.push({
      name: 'prover',
      entry: 'prover/main.ts',
      env: {
        ...common,
        CW_PROVER_KEY: devKey(anvil, 9),
        CW_PROVER_CONFIRMATIONS: '1',
        CW_PROVER_SEQUENCER_URL: sequencerUrl,
        CW_PROVER_POLL_MS: '1000',
        CW_PROVER_STORE: join(dataDir, 'prover.db'),
        ...(keys ? { CW_PROVER_PROOFS: 'groth16', CW_PROVER_WASM: keys.wasm, CW_PROVER_ZKEY: keys.zkey } : { CW_PROVER_PROOFS: 'insecure-mock' }),
      },
      url: undefined,
      probe: async () => true,
      summary: keys ? `real Groth16 proofs with ${keys.name}` : 'INSECURE mock proofs',
    })
  }
  for (const svc of plan) Object.assign(svc.env, o.extraEnv?.[svc.name])
  return Object.assign(plan, { sequencerAddress: privateKeyToAddress(sequencerKey) })
}
