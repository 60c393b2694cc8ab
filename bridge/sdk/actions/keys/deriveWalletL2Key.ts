import type { Account, Address, Chain, Client, Transport } from 'viem'
import { signTypedData } from 'viem/actions'
import { deriveL2Key, type L2Key } from '../../../../protocol/index.ts'
import { ChainMismatchError } from '../../errors/ChainMismatchError.ts'
import { MissingParameterError } from '../../errors/MissingParameterError.ts'

/**
 * Derives the L2 key (EdDSA over BabyJubJub) of a wallet for one deployment: the wallet signs
 * the protocol's EIP-712 `L2KeyRequest` (`deriveL2Key` in protocol/), and the key is the hash
 * of the signature. Deterministic for wallets that sign deterministically (every mainstream
 * wallet, viem's local accounts): a lost key is derived again by signing again. Each
 * `keyIndex` gives another key of the same wallet.
 *
 * @example
 * ```ts
 * const key = await deriveWalletL2Key(walletClient, { rollup, chainId: 31337n })
 * key.publicKey // { x, y }: what depositEth and setL2Key register
 * ```
 */
export async function deriveWalletL2Key(
  wallet: Client<Transport, Chain | undefined, Account | undefined>,
  params: { rollup: Address; chainId: bigint; keyIndex?: number; account?: Account | Address },
): Promise<L2Key> {
  const account = params.account ?? wallet.account
  if (!account) throw new MissingParameterError({ parameter: 'account', action: 'deriveWalletL2Key', hint: 'use a wallet client with an account, or pass `account`.' })
  if (wallet.chain && BigInt(wallet.chain.id) !== params.chainId) throw new ChainMismatchError({ expected: params.chainId, actual: BigInt(wallet.chain.id), what: 'the wallet' })
  return deriveL2Key({
    account: { signTypedData: (typed) => signTypedData(wallet, { ...typed, account }) },
    chainId: params.chainId,
    rollupAddress: params.rollup,
    ...(params.keyIndex !== undefined ? { keyIndex: params.keyIndex } : {}),
  })
}
