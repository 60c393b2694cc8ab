import { blake512 } from '@noble/hashes/blake1.js'
import { FIELD_MODULUS, assertField, mod } from '../field/field.ts'
import { OutOfRangeError } from '../errors.ts'
import { poseidon } from '../hash.ts'
import { SUBGROUP_ORDER, fromNoble, type Point } from './babyjub.ts'
import { IO_WORDS, SPLIT, STATUS, curveKernel, getWords, putWords } from './curveWasm.ts'
import { halfScalars } from './halfScalars.ts'
import { isSmallOrderPoint } from './torsion.ts'
import { babyjubjub } from '@noble/curves/misc.js'

/** An EdDSA-Poseidon signature as circomlib defines it: the point R8 and the scalar S. */
export interface Signature {
  R8: Point
  S: bigint
}

const NBASE = babyjubjub.Point.BASE

function leBytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!)
  return v
}

function bigintToLe32(v: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** The secret scalar and nonce prefix circomlib expands a 32-byte private key into. */
function expand(privateKey: Uint8Array): { s: bigint; prefix: Uint8Array } {
  if (privateKey.length !== 32) {
    throw new OutOfRangeError({ what: 'private key length', value: privateKey.length, limit: '32 bytes' })
  }
  const h = blake512(privateKey)
  const sBytes = h.slice(0, 32)
  sBytes[0] = sBytes[0]! & 0xf8
  sBytes[31] = (sBytes[31]! & 0x7f) | 0x40
  return { s: leBytesToBigint(sBytes), prefix: h.slice(32, 64) }
}

/**
 * The BabyJubJub public key of a 32-byte private key, as circomlib's `eddsa.prv2pub`:
 * `A = Base8 · (s >> 3)` with `s` the pruned first half of `blake512(privateKey)`.
 *
 * @example
 * ```ts
 * const A = derivePublicKey(new Uint8Array(32).fill(1))
 * ```
 */
export function derivePublicKey(privateKey: Uint8Array): Point {
  const { s } = expand(privateKey)
  return fromNoble(NBASE.multiply(mod(s >> 3n, SUBGROUP_ORDER)))
}

/**
 * Signs a field element with EdDSA-Poseidon, bit-compatible with circomlib's
 * `eddsa.signPoseidon` and `EdDSAPoseidonVerifier`: `r = blake512(prefix ‖ msg) mod l`,
 * `R8 = Base8 · r`, `h = Poseidon(R8.x, R8.y, A.x, A.y, msg)`, `S = r + h·s mod l`.
 *
 * @example
 * ```ts
 * const sig = sign({ privateKey, message: txHash })
 * verify({ publicKey: derivePublicKey(privateKey), message: txHash, signature: sig }) // true
 * ```
 */
export function sign(params: { privateKey: Uint8Array; message: bigint }): Signature {
  const message = assertField(params.message, 'signed message')
  const { s, prefix } = expand(params.privateKey)
  const A = fromNoble(NBASE.multiply(mod(s >> 3n, SUBGROUP_ORDER)))
  const composed = new Uint8Array(64)
  composed.set(prefix, 0)
  composed.set(bigintToLe32(message), 32)
  const r = mod(leBytesToBigint(blake512(composed)), SUBGROUP_ORDER)
  const R8 = fromNoble(NBASE.multiply(r === 0n ? SUBGROUP_ORDER : r))
  const h = poseidon([R8.x, R8.y, A.x, A.y, message])
  const S = mod(r + h * s, SUBGROUP_ORDER)
  return { R8, S }
}

// Public keys that passed the subgroup check, remembered (x -> y) so that a sender's next
// signatures skip it: the hot path of the sequencer verifies many signatures of the same
// keys. Bounded; the oldest entry goes first. Two keys with the same x (x, y) and (x, -y)
// share a slot: a miss only costs the check again.
const KEY_CACHE_LIMIT = 65_536
const checkedKeys = new Map<bigint, bigint>()

function rememberKey(A: Point): void {
  if (checkedKeys.size >= KEY_CACHE_LIMIT) checkedKeys.delete(checkedKeys.keys().next().value!)
  checkedKeys.set(A.x, A.y)
}

const outsideField = (v: bigint): boolean => v < 0n || v >= FIELD_MODULUS

let u32View: Uint32Array | undefined
const u32Of = (words: BigUint64Array): Uint32Array => (u32View ??= new Uint32Array(words.buffer, words.byteOffset, words.length * 2))

const REASONS: Record<number, string | undefined> = {
  [STATUS.ok]: undefined,
  [STATUS.keyOffCurve]: 'public key is not on BabyJubJub',
  [STATUS.keyNotInSubgroup]: 'public key is not in the prime-order subgroup',
  [STATUS.r8OffCurve]: 'R8 is not on BabyJubJub',
  [STATUS.mismatch]: 'signature does not match',
}

/**
 * Why a signature was refused, or `undefined` when it verifies. Refuses a public key that is
 * off the curve, outside the prime subgroup or the identity, an R8 off the curve (or outside
 * the field, or the identity), and S at or above the subgroup order; then checks `Base8 · S = R8 + A · 8h` as circomlib does. (The
 * equation itself forces R8 into the prime subgroup: its left side and `A · 8h` are there.)
 *
 * The curve work runs in one call into generated WebAssembly (`curveWasm.ts`): the subgroup
 * check of a key not seen before (a pairing test, `torsion.ts`), the on-curve checks, and
 * the equation in the equivalent form `s' · Base8 - c · A - d · R8 = O` with half-size c and
 * d (`halfScalars.ts`), all with one chain of about 128 doublings.
 *
 * @example
 * ```ts
 * verifyReason({ publicKey, message, signature }) // undefined, or 'S is not below the subgroup order'
 * ```
 */
export function verifyReason(params: { publicKey: Point; message: bigint; signature: Signature }): string | undefined {
  const { publicKey: A, message, signature } = params
  const { R8, S } = signature
  if (outsideField(message)) return 'message is not a field element'
  if (S < 0n || S >= SUBGROUP_ORDER) return 'S is not below the subgroup order'
  if (outsideField(A.x) || outsideField(A.y)) return 'public key has a coordinate outside the field'
  if (A.x === 0n && A.y === 1n) return 'public key is the identity'
  const known = checkedKeys.get(A.x) === A.y
  if (!known && isSmallOrderPoint(A)) return 'public key is not in the prime-order subgroup'
  const k = curveKernel()
  const words = k.words
  putWords(words, IO_WORDS.px, A.x)
  putWords(words, IO_WORDS.py, A.y)
  // R8 outside the field or the identity is refused (as noble's assertValidity did), after
  // the key's own checks.
  if (outsideField(R8.x) || outsideField(R8.y) || (R8.x === 0n && R8.y === 1n)) {
    const status = known ? STATUS.ok : k.verify(1, 1, 0, 0)
    if (status === STATUS.ok && !known) rememberKey(A)
    return REASONS[status] ?? 'R8 is not on BabyJubJub'
  }
  const h = poseidon([R8.x, R8.y, A.x, A.y, message])
  putWords(words, IO_WORDS.qx, R8.x)
  putWords(words, IO_WORDS.qy, R8.y)
  // S Base8 = R8 + h' A with h' = 8h mod l, checked as s' Base8 - c A - d R8 = O for
  // c = d h' (mod l), d odd and s' = d S mod l (halfScalars.ts), or else (c, d) = (h', 1).
  putWords(words, IO_WORDS.s2, (8n * h) % SUBGROUP_ORDER)
  const half = halfScalars(u32Of(words), 2 * IO_WORDS.s2, 2 * IO_WORDS.s2, 2 * IO_WORDS.s4)
  let sPrime = S
  let negateR = 1
  let top = 252
  if (half) {
    const d = getWords(words, IO_WORDS.s4)
    sPrime = (d * S) % SUBGROUP_ORDER
    if (half.dNegative) {
      if (sPrime !== 0n) sPrime = SUBGROUP_ORDER - sPrime
      negateR = 0
    }
    top = Math.max(SPLIT, half.cBits, half.dBits)
  } else putWords(words, IO_WORDS.s4, 1n)
  words[IO_WORDS.s1] = sPrime
  words[IO_WORDS.s1 + 1] = sPrime >> 64n
  words[IO_WORDS.s1 + 2] = 0n
  words[IO_WORDS.s1 + 3] = 0n
  putWords(words, IO_WORDS.s3, sPrime >> 128n)
  const status = k.verify(known ? 0 : 1, 0, negateR, top)
  if (!known && status !== STATUS.keyOffCurve && status !== STATUS.keyNotInSubgroup) rememberKey(A)
  return REASONS[status]
}

/**
 * True when `signature` is a valid EdDSA-Poseidon signature of `message` by `publicKey`
 * (see {@link verifyReason} for the checks).
 *
 * @example
 * ```ts
 * verify({ publicKey: derivePublicKey(key), message: 42n, signature: sign({ privateKey: key, message: 42n }) }) // true
 * ```
 */
export function verify(params: { publicKey: Point; message: bigint; signature: Signature }): boolean {
  return verifyReason(params) === undefined
}

