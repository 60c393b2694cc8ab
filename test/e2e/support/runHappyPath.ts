import { createWalletClient, http, parseEther, type Address, type Hex, type PublicClient, type TransactionReceipt } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { createCounterweightClient, l1Chain, NotClaimableError, rpcBlobGetter, type L2TransactionResult } from '../../../bridge/index.ts'
import type { Devnet } from '../../../bridge/devnet/startDevnet.ts'
import { counterweightRollupAbi, deployArtifact, loadArtifact, testTokenAbi } from '../../../l1-contracts/index.ts'

/** Amounts of the happy path (all exactly representable in the DA floats). */
export const HAPPY_AMOUNTS = {
  aliceDepositEth: parseEther('2'),
  bobDepositToken: parseEther('1000'),
  bobDepositEth: parseEther('0.25'),
  aliceToBob: parseEther('0.5'),
  aliceWithdraw: parseEther('1'),
  bobWithdrawToken: parseEther('400'),
} as const

/**
 * The sequencer settings of the happy path: every batch as a blob (with TEST parameters a
 * calldata commit is cheaper, and the scenario checks the blob path), and batches sealed 8 s
 * after their oldest item, so that the three deposits share one batch (few real proofs).
 */
export const HAPPY_ENV = { sequencer: { CW_BATCH_DATA_PATH: 'blob', CW_BATCH_MAX_AGE_MS: '8000' } }

/** One user's side of the happy path. */
export interface HappyUser {
  address: Address
  client: ReturnType<typeof createCounterweightClient>
  /** Every L1 transaction the user sent, with its receipt (for the gas paid). */
  receipts: TransactionReceipt[]
  /** Queue fees the user paid, in wei. */
  queueFees: bigint
}

/** What the happy path did, for the scenario's checks. */
export interface HappyPathRun {
  token: Address
  tokenId: bigint
  alice: HappyUser & { ethAccount: bigint }
  bob: HappyUser & { tokenAccount: bigint; ethAccount: bigint }
  /** L1 balances before anything was sent: ETH of both users, TST of Bob. */
  before: { aliceEth: bigint; bobEth: bigint; bobToken: bigint }
  l2: { transfer: L2TransactionResult; withdrawals: { alice: L2TransactionResult; bobToken: L2TransactionResult } }
  /** Custody and L2 sums once every withdrawal is finalized, before any claim. */
  atFinality: { custodyEth: bigint; custodyToken: bigint }
  claims: { alice: TransactionReceipt; bobToken: TransactionReceipt }
}

function devKey(devnet: Devnet, i: number): Hex {
  return `0x${Buffer.from(devnet.anvil.accounts[i]!.getHdKey().privateKey!).toString('hex')}`
}

/**
 * Scenario 1's walk on a running devnet, through the SDK only: a TestToken is deployed,
 * minted to Bob and listed; Alice (anvil account 1) deposits ETH, Bob (account 2) deposits
 * the token and some ETH; Alice pays Bob's ETH account on L2; Alice withdraws ETH and Bob the
 * token (each withdrawal fills a TEST-parameter chunk: one real proof each); once every
 * withdrawal's batch is finalized the rollup's custody is read, and then each withdrawal is
 * claimed on L1. Returns everything the checks need; it asserts nothing itself.
 *
 * @example
 * ```ts
 * const run = await runHappyPath({ devnet })
 * run.claims.alice.status // 'success'
 * ```
 */
export async function runHappyPath(params: { devnet: Devnet; log?: (line: string) => void }): Promise<HappyPathRun> {
  const { devnet } = params
  const log = params.log ?? (() => {})
  const pub = devnet.anvil.publicClient as PublicClient
  const rollup = devnet.info.rollup.address
  const chain = l1Chain({ chainId: devnet.info.l1.chainId, rpcUrl: devnet.info.l1.rpcUrl, name: 'e2e L1' })
  const userClient = (i: number) => {
    const wallet = createWalletClient({ account: privateKeyToAccount(devKey(devnet, i)), chain, transport: http(devnet.info.l1.rpcUrl) })
    return {
      wallet,
      client: createCounterweightClient({
        sequencerUrl: devnet.info.sequencer!.rpcUrl,
        rollup,
        chainId: devnet.info.l1.chainId,
        l1: wallet,
        fromBlock: BigInt(devnet.info.rollup.deploymentBlock),
        blobs: rpcBlobGetter({ url: devnet.info.l1.rpcUrl }),
      }),
    }
  }

  // The token: deployed and listed by a third party (anvil account 3: account 0 is the
  // sequencer's L1 key, which nobody else may use), minted to Bob.
  const A = HAPPY_AMOUNTS
  const op = devnet.anvil.walletClients[3]!
  const { address: token } = await deployArtifact({ walletClient: op, publicClient: devnet.anvil.publicClient, artifact: loadArtifact({ name: 'TestToken' }), args: ['Test', 'TST'] })
  await pub.waitForTransactionReceipt({ hash: await op.writeContract({ address: token, abi: testTokenAbi, functionName: 'mint', args: [devnet.anvil.accounts[2]!.address, A.bobDepositToken], account: op.account!, chain: op.chain }) })
  await pub.waitForTransactionReceipt({ hash: await op.writeContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'listToken', args: [token], account: op.account!, chain: op.chain }) })
  const tokenId = await pub.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'tokenIdOf', args: [token] })
  log(`token ${token} listed as token ${tokenId}`)

  const a = userClient(1)
  const b = userClient(2)
  const before = {
    aliceEth: await pub.getBalance({ address: a.wallet.account.address }),
    bobEth: await pub.getBalance({ address: b.wallet.account.address }),
    bobToken: await pub.readContract({ address: token, abi: testTokenAbi, functionName: 'balanceOf', args: [b.wallet.account.address] }),
  }
  const alice: HappyUser = { address: a.wallet.account.address, client: a.client, receipts: [], queueFees: 0n }
  const bob: HappyUser = { address: b.wallet.account.address, client: b.client, receipts: [], queueFees: 0n }

  const aliceKey = await a.client.deriveL2Key()
  const bobKey = await b.client.deriveL2Key()
  const dA = await a.client.depositEth({ amount: A.aliceDepositEth, key: aliceKey })
  alice.receipts.push(dA.receipt)
  alice.queueFees += dA.queued!.fee
  const dBt = await b.client.depositToken({ token, amount: A.bobDepositToken, key: bobKey })
  if (dBt.approval) bob.receipts.push(await pub.getTransactionReceipt({ hash: dBt.approval }))
  bob.receipts.push(dBt.receipt)
  bob.queueFees += dBt.queued!.fee
  const dBe = await b.client.depositEth({ amount: A.bobDepositEth, key: bobKey })
  bob.receipts.push(dBe.receipt)
  bob.queueFees += dBe.queued!.fee
  log(`deposits queued at positions ${dA.queued!.position}, ${dBt.queued!.position}, ${dBe.queued!.position}`)

  const aliceEth = await a.client.waitForAccount({ owner: alice.address, publicKey: aliceKey.publicKey })
  const bobToken = await b.client.waitForAccount({ owner: bob.address, tokenId, publicKey: bobKey.publicKey })
  const bobEth = await b.client.waitForAccount({ owner: bob.address, tokenId: 0n, publicKey: bobKey.publicKey })
  log(`credited on L2: alice ETH account ${aliceEth.index}, bob token account ${bobToken.index}, bob ETH account ${bobEth.index}`)

  const transfer = await a.client.transfer({ key: aliceKey, from: aliceEth.index, to: bobEth.index, amount: A.aliceToBob })
  const wA = await a.client.withdraw({ key: aliceKey, from: aliceEth.index, owner: alice.address, amount: A.aliceWithdraw })
  const wBt = await b.client.withdraw({ key: bobKey, from: bobToken.index, owner: bob.address, amount: A.bobWithdrawToken })
  log(`preconfirmed: transfer #${transfer.sequence}, withdrawals #${wA.sequence}, #${wBt.sequence}`)

  for (const w of [wA, wBt]) await a.client.waitForWithdrawal({ ref: { sequence: w.sequence }, until: 'finalized', timeoutMs: 600_000, pollingIntervalMs: 1000 })
  const custody = (id: bigint) => pub.readContract({ address: rollup, abi: counterweightRollupAbi, functionName: 'custody', args: [id] })
  const atFinality = { custodyEth: await custody(0n), custodyToken: await custody(tokenId) }
  log('every withdrawal finalized on L1')

  const claim = async (user: HappyUser, sequence: bigint): Promise<TransactionReceipt> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await user.client.claimWithdrawal({ ref: { sequence } })
        user.receipts.push(r.receipt)
        return r.receipt
      } catch (e) {
        // The sequencer follows L1 a confirmation behind: "not finalized" may last a block.
        if (!(e instanceof NotClaimableError && e.code === 'NOT_FINALIZED') || attempt >= 60) throw e
        await new Promise((r) => setTimeout(r, 1000))
      }
    }
  }
  const claims = { alice: await claim(alice, wA.sequence), bobToken: await claim(bob, wBt.sequence) }
  return {
    token,
    tokenId,
    alice: { ...alice, ethAccount: aliceEth.index },
    bob: { ...bob, tokenAccount: bobToken.index, ethAccount: bobEth.index },
    before,
    l2: { transfer, withdrawals: { alice: wA, bobToken: wBt } },
    atFinality,
    claims,
  }
}
