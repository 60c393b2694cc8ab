/**
 * `prover/main.ts` as a process against anvil (INSECURE mock verifier and mock proofs): it reads
 * its configuration from `CW_*` variables, proves and finalizes a committed batch, writes pino
 * JSON lines, and stops cleanly on SIGINT (exit status 0); `takeover` refuses with status 2 and
 * the reason while nothing is overdue; a bad configuration exits 1 naming the variable.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { parseEther, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RollupDriver } from '../sequencer/node/testing/rollupDriver.ts'
import { startAnvil, type Anvil } from '../test/harness/anvil.ts'
import { rollupContract } from './l1/rollupContract.ts'

const MAIN = join(import.meta.dirname, 'main.ts')

interface Run {
  lines: string[]
  exit: Promise<number | null>
  kill(signal: NodeJS.Signals): void
}

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean))
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  return { lines, exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))), kill: (s) => child.kill(s) }
}

describe('prover/main.ts (anvil, mock verifier)', () => {
  let anvil: Anvil
  let driver: RollupDriver
  let env: Record<string, string>

  beforeAll(async () => {
    anvil = await startAnvil()
    driver = await RollupDriver.create({ anvil, users: 2 })
    env = {
      CW_L1_RPC_URL: anvil.rpcUrl,
      CW_ROLLUP_ADDRESS: driver.rollup,
      CW_DEPLOYMENT_BLOCK: String(driver.d.blockNumber),
      CW_PROVER_KEY: toHex(anvil.accounts[6]!.getHdKey().privateKey!),
      CW_PROVER_PROOFS: 'insecure-mock',
      CW_PROVER_POLL_MS: '100',
      CW_PROVER_CONFIRMATIONS: '0',
    }
  }, 120_000)

  afterAll(async () => {
    await anvil?.stop()
  })

  it('proves and finalizes a committed batch, then stops on SIGINT', async () => {
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('1') })
    await driver.queue({ kind: 'deposit', user: 1, amount: parseEther('1') })
    const batch = await driver.commit({ built: driver.buildChunks({ txs: [] }), da: 'calldata' })
    const p = run([], env)
    const rollup = rollupContract({ publicClient: anvil.publicClient, address: driver.rollup })
    const deadline = Date.now() + 60_000
    while ((await rollup.heads()).finalizedBatches < batch.number && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    p.kill('SIGINT')
    expect(await p.exit).toBe(0)
    expect((await rollup.heads()).finalizedBatches).toBe(batch.number)
    expect(await driver.finalizedRoot()).toBe(driver.state.root)
    const messages = p.lines.map((l) => (JSON.parse(l) as { msg: string }).msg)
    expect(messages).toContain('prover starting')
    expect(messages).toContain('chunk proof accepted on L1')
    expect(messages).toContain('batch finalized')
    const stopping = messages.indexOf('stopping after the proof in progress')
    expect(stopping, p.lines.slice(-4).join('\n')).toBeGreaterThan(0)
    expect(messages.indexOf('prover stopped'), p.lines.slice(-4).join('\n')).toBeGreaterThan(stopping)
  }, 90_000)

  it('takeover refuses with status 2 while nothing is overdue; a bad configuration exits 1 naming the variable', async () => {
    await driver.queue({ kind: 'deposit', user: 0, amount: parseEther('0.1') })
    const t = run(['takeover'], env)
    expect(await t.exit).toBe(2)
    const last = JSON.parse(t.lines.at(-1)!) as { msg: string; reason: string }
    expect(last.reason).toBe('NOT_OVERDUE')
    expect(last.msg).toMatch(/queue entry \d+ is not overdue yet/)

    const bad = run([], { ...env, CW_PROVER_KEY: 'nope' })
    expect(await bad.exit).toBe(1)
    expect(bad.lines.join('\n')).toMatch(/CW_PROVER_KEY: must be 0x followed by 64 hex digits/)
  }, 60_000)
})
