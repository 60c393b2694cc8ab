// BN254 scalar-field arithmetic on bigint, enough for the development setup: everything here
// is O(constraints) field work, small next to the curve work.

/** Order of the BN254 groups (the circuit field). */
export const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
/** Base field of BN254. */
export const Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n
/** 2^256 mod R: the Montgomery radix ffjavascript uses for Fr. */
export const MONT_R = (1n << 256n) % R
export const MONT_R2 = (MONT_R * MONT_R) % R

export const mod = (a: bigint): bigint => {
  const x = a % R
  return x < 0n ? x + R : x
}
export const mul = (a: bigint, b: bigint): bigint => (a * b) % R
export const add = (a: bigint, b: bigint): bigint => {
  const s = a + b
  return s >= R ? s - R : s
}
export const sub = (a: bigint, b: bigint): bigint => {
  const s = a - b
  return s < 0n ? s + R : s
}

export function pow(base: bigint, exp: bigint): bigint {
  let result = 1n
  let b = mod(base)
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % R
    b = (b * b) % R
    e >>= 1n
  }
  return result
}

export function inv(a: bigint): bigint {
  if (mod(a) === 0n) throw new Error('inverse of zero')
  return pow(a, R - 2n)
}

/** In-place Montgomery batch inversion (no zero entries allowed). */
export function batchInverse(values: bigint[]): bigint[] {
  const n = values.length
  const prefix = new Array<bigint>(n)
  let acc = 1n
  for (let i = 0; i < n; i++) {
    prefix[i] = acc
    acc = (acc * values[i]!) % R
  }
  let accInv = inv(acc)
  const out = new Array<bigint>(n)
  for (let i = n - 1; i >= 0; i--) {
    out[i] = (accInv * prefix[i]!) % R
    accInv = (accInv * values[i]!) % R
  }
  return out
}

/** Write a canonical value as 32 little-endian bytes. */
export function writeLE32(buf: Uint8Array, offset: number, v: bigint): void {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let x = v
  for (let k = 0; k < 4; k++) {
    dv.setBigUint64(offset + 8 * k, x & 0xffffffffffffffffn, true)
    x >>= 64n
  }
}

export function readLE(buf: Uint8Array, offset: number, n8 = 32): bigint {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let x = 0n
  for (let k = n8 / 8 - 1; k >= 0; k--) x = (x << 64n) | dv.getBigUint64(offset + 8 * k, true)
  return x
}

/** Values as n * 32 bytes of canonical little-endian integers (the fixed-base input). */
export function scalarsToBytes(values: ArrayLike<bigint>): Uint8Array {
  const out = new Uint8Array(values.length * 32)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (v !== 0n) writeLE32(out, i * 32, v)
  }
  return out
}

/**
 * snarkjs's domain: log2 of the smallest power of two strictly above
 * nConstraints + nPublic (zkey_new.js: `log2(nConstraints + nPubInputs + nOutputs) + 1`).
 */
export function circuitPower(nConstraints: number, nPublic: number): number {
  const v = nConstraints + nPublic
  return v <= 0 ? 1 : Math.floor(Math.log2(v)) + 1
}
