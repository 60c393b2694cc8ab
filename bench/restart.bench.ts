/**
 * Sequencer restart benchmark: how long `sequencer/main.ts` (under tsx, with its L1 follower,
 * batcher and L1 transaction manager, against anvil with the INSECURE mock verifier) takes
 * from spawn to "sequencer listening" (it then takes transactions) and to "batcher ready", on
 * a store that exists already (a restart). Median of 3 restarts after a first start; CPU
 * time of the process (every thread) at listening, read from /proc. Baseline in the same run:
 * spawn to the end of loading the sequencer's modules under tsx (the floor of any start).
 * Wall times on a shared machine move with its load: compare CPU time too.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { deployRollup, ROLLUP_SETTINGS } from '../l1-contracts/index.ts'
import { TEST_PARAMS } from '../protocol/index.ts'
import { TEST_SEQUENCER_KEY } from '../sequencer/testing/testSequencer.ts'
import { startAnvil } from '../test/harness/anvil.ts'
import { processCpuMs } from './procStats.ts'
import type { BenchResult } from './result.ts'

const ROUNDS = 3

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Spawns `args` under tsx; resolves with the wall time to each of `marks` in its stdout (and CPU at the first), then stops it. */
async function timeStart(params: { args: string[]; env: NodeJS.ProcessEnv; marks: string[] }): Promise<{ wall: number[]; cpuAtFirst: number }> {
  const t0 = performance.now()
  const proc = spawn(process.execPath, ['--import', 'tsx', ...params.args], { env: params.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const wall: number[] = []
  let cpuAtFirst = 0
  proc.stderr.on('data', (c) => (err += String(c)))
  await new Promise<void>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${params.args.join(' ')} exited with ${code}: ${err.slice(-2000)}${out.slice(-2000)}`)))
    proc.stdout.on('data', (c) => {
      out += String(c)
      while (wall.length < params.marks.length && out.includes(params.marks[wall.length]!)) {
        wall.push(performance.now() - t0)
        if (wall.length === 1) cpuAtFirst = processCpuMs(proc.pid!)
      }
      if (wall.length === params.marks.length) resolve()
    })
  })
  proc.removeAllListeners('exit')
  const exited = new Promise((r) => proc.once('exit', r))
  proc.kill('SIGTERM')
  await exited
  return { wall, cpuAtFirst }
}

export async function run(): Promise<BenchResult[]> {
  const anvil = await startAnvil()
  const dir = mkdtempSync(join(tmpdir(), 'cw-restart-bench-'))
  try {
    const d = await deployRollup({ walletClient: anvil.walletClient, publicClient: anvil.publicClient, params: TEST_PARAMS, verifier: { kind: 'insecure-mock' }, settings: ROLLUP_SETTINGS.test, bond: parseEther('1') })
    const env = {
      ...process.env,
      CW_CHAIN_ID: '31337',
      CW_ROLLUP_ADDRESS: d.rollup,
      CW_SEQUENCER_KEY: TEST_SEQUENCER_KEY,
      CW_DB_PATH: join(dir, 'sequencer.db'),
      CW_PARAMS: 'test',
      CW_L1_RPC_URL: anvil.rpcUrl,
      CW_L1_FROM_BLOCK: String(d.blockNumber),
      CW_HTTP_PORT: '0',
      CW_LOG_LEVEL: 'info',
    }
    const floorScript = "await import('./sequencer/createSequencer.ts'); await import('./sequencer/l1/index.ts'); console.log('loaded')"
    const floor: number[] = []
    const listening: number[] = []
    const cpu: number[] = []
    const ready: number[] = []
    await timeStart({ args: ['sequencer/main.ts'], env, marks: ['sequencer listening', 'batcher ready'] }) // the first start creates the store
    for (let i = 0; i < ROUNDS; i++) {
      floor.push((await timeStart({ args: ['--input-type=module', '-e', floorScript], env, marks: ['loaded'] })).wall[0]!)
      const r = await timeStart({ args: ['sequencer/main.ts'], env, marks: ['sequencer listening', 'batcher ready'] })
      listening.push(r.wall[0]!)
      cpu.push(r.cpuAtFirst)
      ready.push(r.wall[1]!)
    }
    return [
      { name: 'restart to listening (wall, median of 3)', value: Math.round(median(listening)), unit: 'ms' },
      { name: 'restart to listening (process CPU, median of 3)', value: Math.round(median(cpu)), unit: 'ms' },
      { name: 'restart to batcher ready (wall, median of 3)', value: Math.round(median(ready)), unit: 'ms' },
      { name: 'baseline: loading the sequencer modules under tsx (wall, median of 3)', value: Math.round(median(floor)), unit: 'ms' },
    ]
  } finally {
    await anvil.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
