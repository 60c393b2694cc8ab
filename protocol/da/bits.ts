import { DecodeError } from '../errors.ts'

/**
 * Appends unsigned integers of given widths to a most-significant-bit-first bit stream.
 *
 * @example
 * ```ts
 * const w = new BitWriter()
 * w.write(5n, 3)
 * w.toBytes() // Uint8Array [0b10100000]
 * ```
 */
export class BitWriter {
  private readonly bytes: number[] = []
  private bitLength = 0

  /** Appends `value` as `width` bits; `value` must fit. */
  write(value: bigint, width: number): void {
    if (value < 0n || value >> BigInt(width) !== 0n) throw new RangeError(`${value} does not fit in ${width} bits`)
    for (let i = width - 1; i >= 0; i--) {
      const bit = Number((value >> BigInt(i)) & 1n)
      const byte = this.bitLength >> 3
      if (byte === this.bytes.length) this.bytes.push(0)
      if (bit) this.bytes[byte]! |= 0x80 >> (this.bitLength & 7)
      this.bitLength++
    }
  }

  /** Appends zero bits up to `bitLength` bits in all. */
  padTo(bitLength: number): void {
    if (bitLength < this.bitLength) throw new RangeError(`stream already has ${this.bitLength} bits, more than ${bitLength}`)
    while (this.bitLength < bitLength) this.write(0n, Math.min(32, bitLength - this.bitLength))
  }

  get length(): number {
    return this.bitLength
  }

  /** The stream, zero-padded to whole bytes. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes)
  }
}

/**
 * Reads unsigned integers of given widths from a most-significant-bit-first bit stream;
 * reading past the end throws a {@link DecodeError} naming what was being read.
 *
 * @example
 * ```ts
 * new BitReader(Uint8Array.of(0b10100000)).read(3, 'type') // 5n
 * ```
 */
export class BitReader {
  private pos = 0
  constructor(private readonly bytes: Uint8Array, private readonly limitBits = bytes.length * 8) {}

  read(width: number, what: string): bigint {
    if (this.pos + width > this.limitBits) {
      throw new DecodeError(`data ends inside ${what}: needed ${width} bits at bit ${this.pos}, have ${this.limitBits}`)
    }
    let v = 0n
    for (let i = 0; i < width; i++) {
      const p = this.pos + i
      v = (v << 1n) | BigInt((this.bytes[p >> 3]! >> (7 - (p & 7))) & 1)
    }
    this.pos += width
    return v
  }

  get position(): number {
    return this.pos
  }
}
