import { toBlobSidecars, type Hex, type PublicClient } from 'viem'
import { loadKzg } from '../../../l1-contracts/index.ts'
import type { Anvil } from '../../../test/harness/anvil.ts'
import type { ManualMiner } from './manualMiner.ts'

/** Blobs per block that keep the blob base fee level (Prague target) and the most a block holds. */
const TARGET_BLOBS = 6
const MAX_BLOBS = 9

/** Moves anvil's blob base fee; see {@link blobFeePump}. */
export interface BlobFeePump {
  /** `eth_blobBaseFee`: what the next block charges per blob gas. */
  fee(): Promise<bigint>
  /** Mines empty blocks (each lowers the fee by ~14.5 %) until the fee is at most `target`; returns the blocks mined. */
  lowerTo(target: bigint): Promise<number>
  /** Mines full blob blocks (9 one-blob transactions, ~8.2 % up each) until the fee is at least `target`; returns the blocks mined. */
  raiseTo(target: bigint): Promise<number>
  /** Mines `blocks` blocks holding the target blob count: the fee stays where it is. */
  hold(blocks: number): Promise<void>
}

/**
 * A blob-fee pump for the fees scenario: with block production paused (`ManualMiner`), it
 * fills blocks with one-blob transactions from dev accounts `accounts` (never account 0, the
 * sequencer's) or leaves them empty, so that EIP-4844's excess blob gas moves the blob base
 * fee up or down as the test needs. The blob is computed once (KZG) and reused.
 *
 * @example
 * ```ts
 * const pump = await blobFeePump({ anvil, miner, accounts: [5, 6, 7] })
 * await pump.raiseTo(10n * (await pump.fee()))
 * ```
 */
export async function blobFeePump(params: { anvil: Anvil; miner: ManualMiner; accounts: readonly number[] }): Promise<BlobFeePump> {
  const { anvil, miner, accounts } = params
  const pub = anvil.publicClient as PublicClient
  const kzg = loadKzg()
  const sidecars = toBlobSidecars({ data: new Uint8Array(1000).fill(7), kzg })
  const blobs = sidecars.map((s) => s.blob)
  const fee = () => pub.getBlobBaseFee()
  const nonces = new Map<number, number>()
  for (const a of accounts) nonces.set(a, await pub.getTransactionCount({ address: anvil.accounts[a]!.address, blockTag: 'pending' }))
  const fill = async (count: number): Promise<void> => {
    const blobFee = await fee()
    const sends: Promise<Hex>[] = []
    for (let i = 0; i < count; i++) {
      const a = accounts[i % accounts.length]!
      const wallet = anvil.walletClients[a]!
      const nonce = nonces.get(a)!
      nonces.set(a, nonce + 1)
      sends.push(
        wallet.sendTransaction({
          account: wallet.account!,
          chain: wallet.chain,
          to: '0x000000000000000000000000000000000000b10b',
          blobs,
          sidecars,
          kzg,
          nonce,
          gas: 21_000n,
          maxFeePerGas: 50n * 10n ** 9n,
          maxPriorityFeePerGas: 10n ** 9n,
          maxFeePerBlobGas: blobFee * 4n + 1n,
        } as never),
      )
      await sends.at(-1)
    }
    await Promise.all(sends)
    await miner.mine(1)
  }
  return {
    fee,
    async lowerTo(target) {
      let blocks = 0
      while ((await fee()) > target) {
        await miner.mine(1)
        blocks++
      }
      return blocks
    },
    async raiseTo(target) {
      let blocks = 0
      while ((await fee()) < target) {
        await fill(MAX_BLOBS)
        blocks++
      }
      return blocks
    },
    async hold(blocks) {
      for (let b = 0; b < blocks; b++) await fill(TARGET_BLOBS)
    },
  }
}
