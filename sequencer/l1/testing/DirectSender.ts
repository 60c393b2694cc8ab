import { createWalletClient, http, type Account, type Chain, type PublicClient, type Transport, type WalletClient } from 'viem'
import { loadKzg } from '../../../l1-contracts/index.ts'
import type { L1Receipt, L1Request, L1Sender } from '../L1Sender.ts'

/**
 * An {@link L1Sender} that sends each request once and waits for its receipt: no fee bumping,
 * no resubmission, no nonce management beyond the node's, no persistence of keys (TESTS and
 * the interim process only; the L1 transaction manager replaces it). A request with a blob
 * goes as a blob transaction (`via: 'blob'`), otherwise as calldata. A key already answered
 * in this process is answered again without sending.
 *
 * @example
 * ```ts
 * const sender = new DirectSender({ walletClient: anvil.walletClient, publicClient: anvil.publicClient })
 * const receipt = await sender.send({ key: 'commit:batch:1', to: rollup, data, blob })
 * ```
 */
export class DirectSender implements L1Sender {
  private readonly walletClient: WalletClient<Transport, Chain | undefined, Account>
  private readonly publicClient: PublicClient
  private readonly done = new Map<string, L1Receipt>()
  /** Every request sent, in order (tests inspect it). */
  readonly sent: L1Request[] = []

  constructor(params: { walletClient: WalletClient<Transport, Chain | undefined, Account>; publicClient: PublicClient }) {
    this.walletClient = params.walletClient
    this.publicClient = params.publicClient
  }

  /** A direct sender over an HTTP endpoint with `account` (requests time out after `timeoutMs`, default 60 s: a node may take long to check a blob). */
  static overHttp(params: { url: string; account: Account; publicClient: PublicClient; chain?: Chain; timeoutMs?: number }): DirectSender {
    const walletClient = createWalletClient({ account: params.account, chain: params.chain, transport: http(params.url, { timeout: params.timeoutMs ?? 60_000 }) })
    return new DirectSender({ walletClient, publicClient: params.publicClient })
  }

  /** The receipt of a key answered in this process, or undefined. */
  outcome(key: string): L1Receipt | undefined {
    return this.done.get(key)
  }

  async send(request: L1Request): Promise<L1Receipt> {
    const previous = this.done.get(request.key)
    if (previous) return previous
    this.sent.push(request)
    const w = this.walletClient
    const common = { to: request.to, data: request.data, account: w.account, chain: w.chain, ...(request.gas !== undefined ? { gas: request.gas } : {}), ...(request.value ? { value: request.value } : {}) }
    let hash: `0x${string}`
    if (request.blob) {
      const blobBaseFee = await this.publicClient.getBlobBaseFee()
      const maxFeePerBlobGas = 2n * blobBaseFee > 1_000_000_000n ? 2n * blobBaseFee : 1_000_000_000n
      hash = await w.sendTransaction({ ...common, blobs: [request.blob], kzg: loadKzg(), maxFeePerBlobGas } as never)
    } else {
      hash = await w.sendTransaction(common as never)
    }
    const r = await this.publicClient.waitForTransactionReceipt({ hash })
    const tx = await this.publicClient.getTransaction({ hash })
    const receipt: L1Receipt = {
      key: request.key,
      transactionHash: hash,
      blockNumber: r.blockNumber,
      nonce: tx.nonce,
      status: r.status,
      via: request.blob ? 'blob' : 'calldata',
      gasUsed: r.gasUsed,
      feePaid: r.gasUsed * r.effectiveGasPrice + (r.blobGasUsed ?? 0n) * (r.blobGasPrice ?? 0n),
    }
    this.done.set(request.key, receipt)
    return receipt
  }
}
