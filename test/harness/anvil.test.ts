import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { L1_PATHS } from '../../l1-contracts/build/paths.ts'
import { startAnvil } from './anvil.ts'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const waitFor = async (cond: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (cond()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return cond()
}

describe('startAnvil', () => {
  it('starts on a free port with funded accounts, sends a transaction, stops without leftovers', async () => {
    const anvil = await startAnvil({ chainId: 900, accounts: 3 })
    try {
      expect(anvil.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await anvil.publicClient.getChainId()).toBe(900)
      expect(anvil.walletClients).toHaveLength(3)
      expect(await anvil.publicClient.getBalance({ address: anvil.accounts[2]!.address })).toBe(parseEther('10000'))
      const hash = await anvil.walletClient.sendTransaction({ to: anvil.accounts[1]!.address, value: 1n })
      const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
      // Prague: EIP-7702 authorizations are known; blob base fee is reported.
      const block = await anvil.publicClient.getBlock()
      expect(block.blobGasUsed).toBeDefined()
    } finally {
      await anvil.stop()
    }
    expect(alive(anvil.pid)).toBe(false)
    await anvil.stop()
  })

  it('runs two at once and mines on an interval with blockTime', async () => {
    const [a, b] = await Promise.all([startAnvil({ blockTime: 1 }), startAnvil({ hardfork: 'osaka' })])
    try {
      expect(a.port).not.toBe(b.port)
      const start = await a.publicClient.getBlockNumber()
      await new Promise((r) => setTimeout(r, 2300))
      expect(await a.publicClient.getBlockNumber()).toBeGreaterThanOrEqual(start + 2n)
      expect(await b.publicClient.getBlockNumber()).toBe(0n)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  it('does not outlive a parent killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(L1_PATHS.root, 'test', 'harness', 'fixtures', 'startAnvilAndWait.ts')], { cwd: L1_PATHS.root, stdio: ['ignore', 'pipe', 'inherit'] })
    const info = await new Promise<{ pid: number }>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (line) resolve(JSON.parse(line) as { pid: number })
      })
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)))
    })
    expect(alive(info.pid)).toBe(true)
    // No exit handlers run on SIGKILL: only the watchdog shell can stop anvil now.
    process.kill(child.pid!, 'SIGKILL')
    expect(await waitFor(() => !alive(info.pid), 5000)).toBe(true)
  }, 30_000)
})
