/**
 * A process that sends L1 requests through an `L1TxManager` and is killed by the L1
 * transaction manager's crash test (test support). It opens the manager on `CW_L1_DB` for
 * the anvil dev account `CW_L1_ACCOUNT` at `CW_L1_RPC`, sends one request per key in
 * `CW_L1_KEYS` (comma-separated) without waiting, and prints `RECORDED <key> <nonce>` as each
 * one is recorded (its broadcast follows). It never exits on its own: the test kills it with SIGKILL.
 *
 * @example
 * ```sh
 * CW_L1_RPC=http://127.0.0.1:8545 CW_L1_DB=/tmp/l1.db CW_L1_ACCOUNT=3 CW_L1_KEYS=a,b node --import tsx sequencer/testing/l1TxCrashChild.ts
 * ```
 */
import { createPublicClient, createWalletClient, http } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { ANVIL_MNEMONIC } from '../../test/harness/anvil.ts'
import { L1TxManager } from '../l1/L1TxManager.ts'

const env = process.env
const transport = http(env.CW_L1_RPC!, { retryCount: 0 })
const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: Number(env.CW_L1_ACCOUNT) })
const manager = await L1TxManager.open({
  walletClient: createWalletClient({ account, transport }),
  publicClient: createPublicClient({ transport }),
  dbPath: env.CW_L1_DB!,
  config: { confirmations: 1, pollIntervalMs: 20, resubmitAfterMs: 60_000 },
})
const sink = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 9 }).address
for (const key of env.CW_L1_KEYS!.split(',')) {
  manager.send({ key, to: sink, data: '0x01' }).catch(() => {})
  // Sends are serial inside the manager: wait until this one is recorded.
  for (;;) {
    const p = manager.status().pending.find((x) => x.key === key)
    if (p) {
      process.stdout.write(`RECORDED ${key} ${p.nonce}\n`)
      break
    }
    await new Promise((r) => setTimeout(r, 5))
  }
}
setInterval(() => {}, 1 << 30)
