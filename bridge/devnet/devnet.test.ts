/**
 * The README's walk, run by the CLI against a devnet (TEST parameters, real Groth16 proofs
 * through the generated verifier): deposit, transfer with a checked preconfirmation,
 * withdraw, wait for finality, claim on L1, with exact balances.
 */
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatEther, parseEther } from 'viem'
import { runCli } from '../cli/counterweight.ts'
import { Progress } from '../cli/Progress.ts'
import { devnetOptions } from './devnetOptions.ts'
import { freePort } from './freePort.ts'
import { startDevnet, type Devnet } from './startDevnet.ts'
import { walk } from '../examples/walk.ts'

let devnet: Devnet
let env: Record<string, string>

async function cli(argv: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; json: Record<string, unknown> }> {
  let out = ''
  const err = new PassThrough()
  err.resume()
  const code = await runCli({ argv: [...argv, '--json'], env: { ...env, ...extraEnv }, stdout: (t) => (out += t), stderr: err })
  const last = out.trim().split('\n').at(-1) ?? '{}'
  return { code, json: JSON.parse(last) as Record<string, unknown> }
}

describe('devnet walk (CLI over the SDK, real proofs)', () => {
  beforeAll(async () => {
    const options = devnetOptions({
      dataDir: `.devnet-test-${process.pid}`,
      paramsName: 'test',
      l1Port: await freePort(),
      sequencerPort: await freePort(),
      nodePort: await freePort(),
      users: 0,
      realProofs: true,
    })
    devnet = await startDevnet({ options, progress: new Progress({ mode: 'silent' }) })
    env = {
      CW_DEVNET_FILE: `${options.dataDir}/devnet.json`,
    }
  }, 600_000)
  afterAll(async () => {
    await devnet?.stop()
  }, 60_000)

  it('deposits, transfers, withdraws and claims on L1 with exact balances', async () => {
    const alice = devnet.anvil.accounts[1]!
    const bob = devnet.anvil.accounts[2]!
    const aliceKey = `0x${Buffer.from(alice.getHdKey().privateKey!).toString('hex')}`
    const bobKey = `0x${Buffer.from(bob.getHdKey().privateKey!).toString('hex')}`

    const dA = await cli(['deposit', '--amount', '3', '--wait'], { CW_PRIVATE_KEY: aliceKey })
    expect(dA.code).toBe(0)
    const dB = await cli(['deposit', '--amount', '1', '--wait'], { CW_PRIVATE_KEY: bobKey })
    expect(dB.code).toBe(0)
    const aliceIndex = String(dA.json.account)
    const bobIndex = String(dB.json.account)
    expect(aliceIndex).not.toBe(bobIndex)

    const t = await cli(['transfer', '--to', bobIndex, '--amount', '0.5'], { CW_PRIVATE_KEY: aliceKey })
    expect(t.code).toBe(0)
    expect(BigInt(String(t.json.sequence))).toBeGreaterThan(0n)

    const w = await cli(['withdraw', '--amount', '1.25'], { CW_PRIVATE_KEY: bobKey })
    expect(w.code).toBe(0)
    const seq = String(w.json.sequence)

    const before = await devnet.anvil.publicClient.getBalance({ address: bob.address })
    const c = await cli(['claim', '--sequence', seq, '--wait'], { CW_PRIVATE_KEY: bobKey })
    expect(c.code, JSON.stringify(c.json)).toBe(0)
    const receipt = await devnet.anvil.publicClient.getTransactionReceipt({ hash: c.json.hash as `0x${string}` })
    const after = await devnet.anvil.publicClient.getBalance({ address: bob.address })
    const gas = receipt.gasUsed * receipt.effectiveGasPrice
    expect(after - before + gas).toBe(parseEther('1.25'))

    const a = await cli(['account'], { CW_PRIVATE_KEY: bobKey })
    const accounts = a.json.accounts as { balance: string }[]
    // 1 deposited + 0.5 received - 1.25 withdrawn (fees are 0 on the devnet).
    expect(formatEther(BigInt(accounts[0]!.balance))).toBe('0.25')
  }, 900_000)

  it('runs the README SDK script (bridge/examples/walk.ts) to a claimed withdrawal', async () => {
    const carol = devnet.anvil.accounts[3]!
    const lines: string[] = []
    const before = await devnet.anvil.publicClient.getBalance({ address: carol.address })
    const r = await walk({ devnetFile: env.CW_DEVNET_FILE!, privateKey: `0x${Buffer.from(carol.getHdKey().privateKey!).toString('hex')}`, log: (l) => lines.push(l) })
    expect(lines.at(-1)).toContain('claimed on L1')
    expect(r.withdrawSequence).toBeGreaterThan(r.paidSequence)
    // Carol spent 1 ETH (+ queue fee + gas) and got 0.5 back: her L1 balance fell by a bit more than 0.5 ETH.
    const after = await devnet.anvil.publicClient.getBalance({ address: carol.address })
    expect(before - after).toBeGreaterThan(parseEther('0.5'))
    expect(before - after).toBeLessThan(parseEther('0.51'))
  }, 900_000)

  it('refuses bad input with a usage exit code and a hint', async () => {
    const r = await cli(['transfer', '--amount', '-1', '--to', '1'], { CW_PRIVATE_KEY: `0x${'11'.repeat(32)}` })
    expect(r.code).toBe(2)
    expect(String((r.json.error as { message: string }).message)).toMatch(/positive amount/)
  })
})
