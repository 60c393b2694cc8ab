import { InvalidParamsError } from '../errors/index.ts'

/** A block named by number, tag or hash. */
export type BlockRef = { tag: 'earliest' | 'latest' | 'pending' | 'safe' | 'finalized' } | { number: bigint } | { hash: Uint8Array }

const QUANTITY = /^0x(0|[1-9a-f][0-9a-f]*)$/
const TAGS = new Set(['earliest', 'latest', 'pending', 'safe', 'finalized'])

/** A short, safe rendering of a value for an error message (never a huge string). */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing'
  let s: string
  try {
    s = typeof v === 'bigint' ? String(v) : (JSON.stringify(v) ?? String(v))
  } catch {
    s = String(v)
  }
  return s.length > 70 ? `${s.slice(0, 67)}...` : s
}

/**
 * Reads a hex QUANTITY at `field`, at most `bits` wide; throws {@link InvalidParamsError}
 * naming the field otherwise.
 *
 * @example
 * ```ts
 * readQuantity('0x1a', 'params[0].nonce', 40) // 26n
 * readQuantity('26', 'params[0].nonce', 40)   // throws: params[0].nonce: must be a hex quantity …, got "26"
 * ```
 */
export function readQuantity(v: unknown, field: string, bits: number): bigint {
  if (typeof v !== 'string' || v.length > 2 + Math.ceil(bits / 4) || !QUANTITY.test(v)) {
    throw new InvalidParamsError(`${field}: must be a hex quantity (0x-prefixed lowercase hex, no leading zeros, e.g. "0x1a") of at most ${bits} bits, got ${show(v)}`)
  }
  const n = BigInt(v)
  if (n >= 1n << BigInt(bits)) throw new InvalidParamsError(`${field}: must be below 2^${bits}, got ${v}`)
  return n
}

/**
 * Reads a 20-byte address (any case) at `field`, returned lowercase.
 *
 * @example
 * ```ts
 * readAddress('0xAbC…', 'params[0]')
 * ```
 */
export function readAddress(v: unknown, field: string): `0x${string}` {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new InvalidParamsError(`${field}: must be a 20-byte hex address (0x and 40 hex digits), got ${show(v)}`)
  return v.toLowerCase() as `0x${string}`
}

/**
 * Reads 32 bytes of hex DATA (a hash) at `field`.
 *
 * @example
 * ```ts
 * readHash32(`0x${'ab'.repeat(32)}`, 'params[0]').length // 32
 * ```
 */
export function readHash32(v: unknown, field: string): Uint8Array {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) throw new InvalidParamsError(`${field}: must be a 32-byte hex hash (0x and 64 hex digits), got ${show(v)}`)
  return Buffer.from(v.slice(2), 'hex')
}

/**
 * The positional params of one call, read with messages that name each parameter:
 * `params[0] (address): must be a 20-byte hex address …`.
 *
 * @example
 * ```ts
 * const p = Params.of(call.params, ['address', 'block'], 1)
 * const address = p.address(0)
 * const block = p.blockRef(1) ?? { tag: 'latest' }
 * ```
 */
export class Params {
  private constructor(
    private readonly values: readonly unknown[],
    private readonly names: readonly string[],
  ) {}

  /**
   * Checks the params shape: an array (or nothing, meaning none) of at least `required` and
   * at most `names.length` values.
   */
  static of(raw: unknown, names: readonly string[], required = names.length): Params {
    const values = raw === undefined ? [] : raw
    if (!Array.isArray(values)) throw new InvalidParamsError(`params must be an array of positional parameters [${names.join(', ')}], got ${show(raw)}`)
    if (values.length < required) {
      const missing = names.slice(values.length, required)
      throw new InvalidParamsError(`missing ${missing.map((n, i) => `params[${values.length + i}] (${n})`).join(', ')}: expected [${names.join(', ')}]`)
    }
    if (values.length > names.length) throw new InvalidParamsError(`expected at most ${names.length} params [${names.join(', ')}], got ${values.length}`)
    return new Params(values, names)
  }

  /** The field path of param `i`, for messages. */
  field(i: number): string {
    return `params[${i}] (${this.names[i]})`
  }

  raw(i: number): unknown {
    return this.values[i]
  }

  has(i: number): boolean {
    return this.values[i] !== undefined && this.values[i] !== null
  }

  quantity(i: number, bits = 64): bigint {
    return readQuantity(this.values[i], this.field(i), bits)
  }

  address(i: number): `0x${string}` {
    return readAddress(this.values[i], this.field(i))
  }

  hash32(i: number): Uint8Array {
    return readHash32(this.values[i], this.field(i))
  }

  bool(i: number): boolean {
    const v = this.values[i]
    if (typeof v !== 'boolean') throw new InvalidParamsError(`${this.field(i)}: must be true or false, got ${show(v)}`)
    return v
  }

  /** A block number, tag, or (when `allowHash`) a block hash; undefined when absent. */
  blockRef(i: number, allowHash: boolean): BlockRef | undefined {
    const v = this.values[i]
    if (v === undefined || v === null) return undefined
    if (typeof v === 'string' && TAGS.has(v)) return { tag: v as 'latest' }
    if (allowHash && typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v)) return { hash: Buffer.from(v.slice(2), 'hex') }
    if (allowHash && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>
      if ('blockHash' in o) return { hash: readHash32(o.blockHash, `${this.field(i)}.blockHash`) }
      if ('blockNumber' in o) return { number: readQuantity(o.blockNumber, `${this.field(i)}.blockNumber`, 64) }
    }
    if (typeof v === 'string' && QUANTITY.test(v) && v.length <= 18) return { number: BigInt(v) }
    const kinds = allowHash ? 'a block number (hex quantity), a tag (latest, pending, safe, finalized, earliest) or a 32-byte block hash' : 'a block number (hex quantity) or a tag (latest, pending, safe, finalized, earliest)'
    throw new InvalidParamsError(`${this.field(i)}: must be ${kinds}, got ${show(v)}`)
  }
}
