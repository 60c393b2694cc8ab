import type { Address } from 'viem'
import { TX_TYPE, type L2Key, type L2Tx } from '../../../../protocol/index.ts'
import { AccountError } from '../../errors/AccountError.ts'
import type { SequencerClient } from '../../client/types.ts'
import { getAccount } from '../accounts/getAccount.ts'
import { getAccountsByOwner } from '../accounts/getAccountsByOwner.ts'
import type { L2Account } from '../accounts/L2Account.ts'
import { checkAmount } from './checkAmount.ts'

/** Where an L2 transaction goes: an account index, an L1 address (credited on L2), or out to L1. */
export type L2Destination = { type: 'transfer'; to: bigint } | { type: 'transferToL1'; toAddress: Address } | { type: 'withdraw'; recipient: Address }

/** What every L2 transaction action takes besides its destination. */
export interface L2TransactionParams {
  /** The L2 key of the sending account (`deriveWalletL2Key`). */
  key: L2Key
  /** Sending account index; default: the owner's account of `tokenId` with this key and the largest balance. */
  from?: bigint
  /** The L1 address owning the sending account, to find it when `from` is not given. */
  owner?: Address
  /** Token of the sending account, to find it when `from` is not given (default 0, ETH). */
  tokenId?: bigint
  amount: bigint
  /** Default: the minimum fee (0, or what the sequencer asks for in a FEE_TOO_LOW refusal). */
  fee?: bigint
  /** Default: the account's next nonce after every accepted transaction. */
  nonce?: bigint
}

/**
 * Builds an unsigned L2 transaction: finds the sending account (`from`, or the owner's
 * account with this key), checks that it exists and holds `key` (else {@link AccountError}),
 * that amount and fee are encodable (else `InvalidAmountError`), and fills the nonce.
 *
 * @example
 * ```ts
 * const { tx, account } = await prepareL2Transaction(client, { key, owner, amount: 10n ** 15n, destination: { type: 'transfer', to: 2n } })
 * ```
 */
export async function prepareL2Transaction(
  client: SequencerClient,
  params: L2TransactionParams & { destination: L2Destination; fee: bigint },
): Promise<{ tx: L2Tx; account: L2Account }> {
  checkAmount({ field: 'amount', value: params.amount })
  checkAmount({ field: 'fee', value: params.fee })
  const account = await findSender(client, params)
  const { x, y } = params.key.publicKey
  if (!account.publicKey) throw new AccountError({ code: 'NO_KEY', message: `account ${account.index} has no L2 key yet`, index: account.index })
  if (account.publicKey.x !== x || account.publicKey.y !== y) throw new AccountError({ code: 'KEY_MISMATCH', message: `account ${account.index} is registered with another L2 key`, index: account.index })
  const base = { from: account.index, amount: params.amount, fee: params.fee, nonce: params.nonce ?? account.nonce }
  const d = params.destination
  const tx: L2Tx =
    d.type === 'transfer'
      ? { ...base, type: TX_TYPE.TRANSFER, to: d.to }
      : d.type === 'transferToL1'
        ? { ...base, type: TX_TYPE.TRANSFER_TO_L1, toAddress: BigInt(d.toAddress) }
        : { ...base, type: TX_TYPE.WITHDRAW, recipient: BigInt(d.recipient) }
  return { tx, account }
}

async function findSender(client: SequencerClient, params: L2TransactionParams & { fee: bigint }): Promise<L2Account> {
  if (params.from !== undefined) {
    const account = await getAccount(client, { index: params.from })
    if (!account) throw new AccountError({ code: 'ACCOUNT_NOT_FOUND', message: `account ${params.from} does not exist`, index: params.from })
    return account
  }
  if (!params.owner) throw new AccountError({ code: 'NO_SENDING_ACCOUNT', message: 'neither `from` nor `owner` was given' })
  const { x, y } = params.key.publicKey
  const mine = (await getAccountsByOwner(client, { owner: params.owner, tokenId: params.tokenId ?? 0n })).filter((a) => a.publicKey?.x === x && a.publicKey.y === y)
  const best = mine.sort((a, b) => (a.balance === b.balance ? 0 : a.balance > b.balance ? -1 : 1))[0]
  if (!best) throw new AccountError({ code: 'NO_SENDING_ACCOUNT', message: `${params.owner} owns no account of token ${params.tokenId ?? 0n} with this L2 key` })
  return best
}
