import { createRequire } from 'node:module'

/** The part of the `secp256k1` package (libsecp256k1 bindings) the sequencer uses. */
export interface NativeSecp256k1 {
  /** ECDSA with RFC 6979 nonces and low S: 64 bytes `r ‖ s` and the recovery id. */
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number }
}

let loaded: { native: NativeSecp256k1 | undefined; reason: string | undefined } | undefined

/**
 * libsecp256k1's signer (the `secp256k1` package's compiled bindings, about ten times faster
 * than noble's), or `undefined` with the reason when the compiled module cannot be loaded (no
 * prebuilt binary for this platform and no build): callers then sign with noble, which gives
 * the same bytes. Loaded once; never the package's pure-JS fallback (`elliptic`).
 *
 * @example
 * ```ts
 * const { native } = nativeSecp256k1()
 * if (native) native.ecdsaSign(digest, key) // { signature, recid }
 * ```
 */
export function nativeSecp256k1(): { native: NativeSecp256k1 | undefined; reason: string | undefined } {
  if (loaded) return loaded
  try {
    const require = createRequire(import.meta.url)
    const native = require('secp256k1/bindings') as NativeSecp256k1
    loaded = { native, reason: undefined }
  } catch (e) {
    loaded = { native: undefined, reason: (e as Error).message }
  }
  return loaded
}
