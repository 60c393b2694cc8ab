import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { Progress } from '../../../bridge/cli/Progress.ts'
import { devnetOptions, type DevnetOptions } from '../../../bridge/devnet/devnetOptions.ts'
import { freePort } from '../../../bridge/devnet/freePort.ts'
import { startDevnet, type Devnet } from '../../../bridge/devnet/startDevnet.ts'

/**
 * Starts a devnet for an end-to-end scenario: TEST parameters, free ports, no pre-funded
 * users, its own data folder `.e2e-<name>-<pid>` (deleted by `stop()` unless `CW_E2E_KEEP` is
 * set); `realProofs` chooses the generated Groth16
 * verifier with real proofs (true) or the INSECURE mock verifier.
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
  startNode?: boolean
  startProver?: boolean
}): Promise<Devnet & { options: DevnetOptions }> {
  const options = devnetOptions({
    dataDir: `.e2e-${params.name}-${process.pid}`,
    paramsName: 'test',
    l1Port: await freePort(),
    sequencerPort: await freePort(),
    nodePort: await freePort(),
    users: 0,
    realProofs: params.realProofs,
    startNode: params.startNode ?? false,
    startProver: params.startProver ?? true,
    ...(params.extraEnv ? { extraEnv: params.extraEnv } : {}),
  })
  const devnet = await startDevnet({ options, progress: new Progress({ mode: 'silent' }) })
  const stop = devnet.stop
  // The data folder (stores, logs) goes with the devnet unless CW_E2E_KEEP is set.
  return Object.assign(devnet, { options, stop: async () => {
    await stop()
    if (!process.env.CW_E2E_KEEP) rmSync(resolve(import.meta.dirname, '..', '..', '..', options.dataDir), { recursive: true, force: true })
  } })
}
