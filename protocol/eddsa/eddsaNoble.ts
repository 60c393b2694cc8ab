/**
 * The previous verifier, on @noble/curves's BigInt arithmetic, kept as the reference the
 * WebAssembly path is tested and measured against (same API and refusal reasons as
 * `verifyReason` in `eddsa.ts`). Not on any hot path.
 */
import { babyjubjub } from '@noble/curves/misc.js'
import { FIELD_MODULUS, mod } from '../field/field.ts'
import { InvalidPointError } from '../errors.ts'
import { poseidon } from '../hash.ts'
import { SUBGROUP_ORDER, assertSubgroupPoint, toNoble, type Point } from './babyjub.ts'

const NBASE = babyjubjub.Point.BASE

// Public keys are checked (on curve, prime subgroup) once and remembered; a key seen a second
// time also gets a window table (about 130 KB), at most HOT_KEY_LIMIT keys keep one.
const KEY_CACHE_LIMIT = 65_536
const HOT_KEY_LIMIT = 256
type NPoint = ReturnType<typeof toNoble>
const keyCache = new Map<string, NPoint>()
const hotKeys = new Map<string, NPoint>()

function checkedKey(A: Point): NPoint {
  const id = `${A.x}:${A.y}`
  const hot = hotKeys.get(id)
  if (hot) {
    hotKeys.delete(id)
    hotKeys.set(id, hot)
    return hot
  }
  const seen = keyCache.get(id)
  if (seen) {
    const table = toNoble(A)
    table.precompute(4, false)
    if (hotKeys.size >= HOT_KEY_LIMIT) hotKeys.delete(hotKeys.keys().next().value!)
    hotKeys.set(id, table)
    return table
  }
  const p = assertSubgroupPoint(A, 'public key')
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value!)
  keyCache.set(id, p)
  return p
}

/**
 * The previous (BigInt) `verifyReason`: the same checks and reasons, `Base8 * S = R8 + A * 8h`
 * with noble's points.
 *
 * @example
 * ```ts
 * verifyReasonNoble({ publicKey, message, signature }) === verifyReason({ publicKey, message, signature })
 * ```
 */
export function verifyReasonNoble(params: { publicKey: Point; message: bigint; signature: { R8: Point; S: bigint } }): string | undefined {
  const { publicKey, message, signature } = params
  if (message < 0n || message >= FIELD_MODULUS) return 'message is not a field element'
  if (signature.S < 0n || signature.S >= SUBGROUP_ORDER) return 'S is not below the subgroup order'
  let A: NPoint
  let R: NPoint
  try {
    A = checkedKey(publicKey)
    R = toNoble(signature.R8)
    R.assertValidity()
  } catch (e) {
    return e instanceof InvalidPointError ? e.message : 'R8 is not on BabyJubJub'
  }
  const h = poseidon([signature.R8.x, signature.R8.y, publicKey.x, publicKey.y, message])
  const left = NBASE.multiplyUnsafe(signature.S)
  const right = R.add(A.multiplyUnsafe(mod(8n * h, SUBGROUP_ORDER)))
  return left.equals(right) ? undefined : 'signature does not match'
}
