import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { Progress } from '../../../bridge/cli/Progress.ts'
import { devnetOptions, type DevnetOptions } from '../../../bridge/devnet/devnetOptions.ts'
import { freePort } from '../../../bridge/devnet/freePort.ts'
import { startDevnet, type Devnet } from '../../../bridge/devnet/startDevnet.ts'

/**
 * Starts a devnet for an end-to-end scenario: TEST parameters, free ports, no pre-funded
 * users, its own data folder `.e2e-<name>-<pid>` (deleted by `stop()` unless `CW_E2E_KEEP` is
 * set or `stop({ keep: true })`, e.g. after a failure); `realProofs` chooses the generated Groth16
 * verifier with real proofs (true) or the INSECURE mock verifier. `sequencerL1Url`, given anvil's
 * URL before anvil starts, returns the L1 URL of the SEQUENCER alone (e.g. a fee-market proxy in
 * front of anvil, `support/l1FeeMarket.ts`); the node, the prover and the test keep anvil's.
 *
 * @example
 * ```ts
 * const devnet = await startE2eDevnet({ name: 'happy', realProofs: true })
 * await devnet.stop()
 * ```
 */
export async function startE2eDevnet(params: {
  name: string
  realProofs: boolean
  extraEnv?: DevnetOptions['extraEnv']
  /** More anvil arguments (e.g. `['--init', genesisPath]`). */
  anvilArgs?: readonly string[]
  startNode?: boolean
  startProver?: boolean
  sequencerL1Url?: (anvilUrl: string) => string | Promise<string>
}): Promise<Omit<Devnet, 'stop'> & { options: DevnetOptions; stop(params?: { keep?: boolean }): Promise<void> }> {
  const l1Port = await freePort()
  // The sequencer's L1 URL overrides the devnet's (extraEnv is applied last).
  const sequencerL1 = params.sequencerL1Url ? { CW_L1_RPC_URL: await params.sequencerL1Url(`http://127.0.0.1:${l1Port}`) } : undefined
  const extraEnv: DevnetOptions['extraEnv'] = sequencerL1 ? { ...params.extraEnv, sequencer: { ...params.extraEnv?.sequencer, ...sequencerL1 } } : params.extraEnv
  const options = devnetOptions({
    dataDir: `.e2e-${params.name}-${process.pid}`,
    paramsName: 'test',
    l1Port,
    sequencerPort: await freePort(),
    nodePort: await freePort(),
    users: 0,
    realProofs: params.realProofs,
    startNode: params.startNode ?? false,
    startProver: params.startProver ?? true,
    ...(extraEnv ? { extraEnv } : {}),
    ...(params.anvilArgs ? { anvilArgs: params.anvilArgs } : {}),
  })
  const devnet = await startDevnet({ options, progress: new Progress({ mode: 'silent' }) })
  const stop = devnet.stop
  // The data folder (stores, logs) goes with the devnet unless CW_E2E_KEEP is set.
  return Object.assign(devnet, { options, stop: async (p?: { keep?: boolean }) => {
    await stop()
    if (!p?.keep && !process.env.CW_E2E_KEEP) rmSync(resolve(import.meta.dirname, '..', '..', '..', options.dataDir), { recursive: true, force: true })
  } })
}
