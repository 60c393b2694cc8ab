/**
 * The README's SDK walk against a running devnet: derive the L2 key, deposit 1 ETH, pay
 * 0.1 ETH to another account with a checked preconfirmation, withdraw 0.5 ETH, wait for the
 * batch to be proven and finalized on L1, and claim. Run it with
 * `npx tsx bridge/examples/walk.ts` while `npm run devnet` runs (it reads .devnet/devnet.json
 * and uses the devnet's second funded dev key unless CW_PRIVATE_KEY is set).
 *
 * @example
 * ```ts
 * const result = await walk({ devnetFile: '.devnet/devnet.json', privateKey: '0x…' })
 * ```
 */
import { readFileSync } from 'node:fs'
import { createWalletClient, http, parseEther, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createCounterweightClient, l1Chain, NotClaimableError, rpcBlobGetter } from '../index.ts'

export async function walk(params: { devnetFile: string; privateKey: Hex; payTo?: bigint; log?: (line: string) => void }) {
  const log = params.log ?? console.log
  const devnet = JSON.parse(readFileSync(params.devnetFile, 'utf8')) as {
    l1: { rpcUrl: string; chainId: number }
    rollup: { address: Address; deploymentBlock: string }
    sequencer: { rpcUrl: string }
  }
  const chain = l1Chain({ chainId: devnet.l1.chainId, rpcUrl: devnet.l1.rpcUrl, name: 'devnet L1' })
  const wallet = createWalletClient({ account: privateKeyToAccount(params.privateKey), chain, transport: http(devnet.l1.rpcUrl) })
  const client = createCounterweightClient({
    sequencerUrl: devnet.sequencer.rpcUrl,
    rollup: devnet.rollup.address,
    chainId: devnet.l1.chainId,
    l1: wallet,
    fromBlock: BigInt(devnet.rollup.deploymentBlock),
    // Where the SDK reads batch data to find a withdrawal's batch (anvil serves blobs by hash).
    blobs: rpcBlobGetter({ url: devnet.l1.rpcUrl }),
  })
  const owner = wallet.account.address

  const key = await client.deriveL2Key()
  await client.depositEth({ amount: parseEther('1'), key })
  const account = await client.waitForAccount({ owner, publicKey: key.publicKey })
  log(`deposited: L2 account ${account.index}`)

  const paid = await client.transfer({ key, from: account.index, to: params.payTo ?? 1n, amount: parseEther('0.1') })
  log(`paid: preconfirmed as sequence ${paid.sequence}`)

  const { sequence } = await client.withdraw({ key, from: account.index, owner, amount: parseEther('0.5') })
  log(`withdrawing: sequence ${sequence}; waiting for L1 finality…`)
  await client.waitForWithdrawal({ ref: { sequence }, until: 'finalized', timeoutMs: 600_000 })

  // The sequencer follows L1 a few confirmations behind: retry "not finalized yet" briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      const claim = await client.claimWithdrawal({ ref: { sequence } })
      log(`claimed on L1: ${claim.hash}`)
      return { account: account.index, paidSequence: paid.sequence, withdrawSequence: sequence, claimHash: claim.hash }
    } catch (e) {
      if (!(e instanceof NotClaimableError && e.code === 'NOT_FINALIZED') || attempt >= 60) throw e
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
}

if (process.argv[1]?.endsWith('walk.ts')) {
  const devnetFile = process.env.CW_DEVNET_FILE ?? '.devnet/devnet.json'
  const fallback = (JSON.parse(readFileSync(devnetFile, 'utf8')) as { users: { privateKey: Hex }[] }).users[1]?.privateKey
  const privateKey = (process.env.CW_PRIVATE_KEY as Hex | undefined) ?? fallback
  if (!privateKey) throw new Error('set CW_PRIVATE_KEY (the devnet prints funded dev keys)')
  await walk({ devnetFile, privateKey })
}
