import { hexToBytes, keccak256, type Address, type Hex, type TypedDataDefinition } from 'viem'
import { EIP712_NAME, EIP712_VERSION, L2_KEY_PURPOSE } from '../constants.ts'
import { derivePublicKey } from '../eddsa/eddsa.ts'
import type { Point } from '../eddsa/babyjub.ts'
import { ProtocolError } from '../errors.ts'

/** EIP-712 types of the L2 key request. */
export const L2_KEY_TYPES = {
  L2KeyRequest: [
    { name: 'purpose', type: 'string' },
    { name: 'keyIndex', type: 'uint32' },
  ],
} as const

/**
 * The EIP-712 typed data a wallet signs to derive its L2 key: domain `{ name: 'Counterweight',
 * version: '1', chainId, verifyingContract: rollup }`, primary type `L2KeyRequest { string
 * purpose; uint32 keyIndex }` with the fixed purpose text. Chain and contract are in the
 * domain, so each deployment gets its own key.
 *
 * @example
 * ```ts
 * const typed = l2KeyTypedData({ chainId: 31337, rollupAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * const signature = await account.signTypedData(typed)
 * ```
 */
export function l2KeyTypedData(params: { chainId: number | bigint; rollupAddress: Address; keyIndex?: number }) {
  return {
    domain: { name: EIP712_NAME, version: EIP712_VERSION, chainId: BigInt(params.chainId), verifyingContract: params.rollupAddress },
    types: L2_KEY_TYPES,
    primaryType: 'L2KeyRequest',
    message: { purpose: L2_KEY_PURPOSE, keyIndex: params.keyIndex ?? 0 },
  } as const satisfies TypedDataDefinition<typeof L2_KEY_TYPES, 'L2KeyRequest'>
}

/** An L2 key pair. */
export interface L2Key {
  /** 32-byte EdDSA private key. */
  privateKey: Uint8Array
  publicKey: Point
}

/**
 * The L2 key behind a wallet's signature of {@link l2KeyTypedData}: the private key is
 * `keccak256(r ‖ s)` of the 65-byte signature (the recovery byte is left out, so 27/28 and
 * 0/1 encodings give the same key). Throws on a signature that is not 65 bytes.
 *
 * @example
 * ```ts
 * const { publicKey } = l2KeyFromSignature(signature)
 * ```
 */
export function l2KeyFromSignature(signature: Hex): L2Key {
  const bytes = hexToBytes(signature)
  if (bytes.length !== 65) throw new ProtocolError('BAD_KEY_SIGNATURE', `key-derivation signature must be 65 bytes, got ${bytes.length}`)
  const privateKey = hexToBytes(keccak256(bytes.slice(0, 64)))
  return { privateKey, publicKey: derivePublicKey(privateKey) }
}

/**
 * Derives the L2 key of an Ethereum account for one deployment by asking it to sign
 * {@link l2KeyTypedData}. Deterministic for any wallet that signs deterministically (RFC 6979,
 * as every mainstream wallet and viem's local accounts do): a lost L2 key is re-derived by
 * signing again.
 *
 * @example
 * ```ts
 * import { privateKeyToAccount } from 'viem/accounts'
 * const key = await deriveL2Key({ account: privateKeyToAccount(pk), chainId: 31337, rollupAddress })
 * ```
 */
export async function deriveL2Key(params: {
  account: { signTypedData: (typedData: ReturnType<typeof l2KeyTypedData>) => Promise<Hex> }
  chainId: number | bigint
  rollupAddress: Address
  keyIndex?: number
}): Promise<L2Key> {
  const signature = await params.account.signTypedData(l2KeyTypedData(params))
  return l2KeyFromSignature(signature)
}
