// Minimal reader of circom's .r1cs (iden3 binary format, version 1): the header and a
// streaming walk over the constraints, without materialising them as objects.
import { readFileSync } from 'node:fs'
import { R } from './field.ts'

export interface R1csHeader {
  n8: number
  prime: bigint
  nWires: number
  nOutputs: number
  nPubInputs: number
  nPrvInputs: number
  nLabels: number
  nConstraints: number
}

export interface R1cs {
  header: R1csHeader
  /** The whole file. */
  bytes: Buffer
  /** Byte offset and size of the constraints section. */
  constraints: { offset: number; size: number }
}

export function readR1cs(path: string): R1cs {
  const bytes = readFileSync(path)
  if (bytes.subarray(0, 4).toString('latin1') !== 'r1cs') throw new Error(`${path}: not an r1cs file`)
  const version = bytes.readUInt32LE(4)
  if (version !== 1) throw new Error(`${path}: r1cs version ${version} not supported`)
  const nSections = bytes.readUInt32LE(8)
  let pos = 12
  const sections = new Map<number, { offset: number; size: number }>()
  for (let i = 0; i < nSections; i++) {
    const type = bytes.readUInt32LE(pos)
    const size = Number(bytes.readBigUInt64LE(pos + 4))
    if (sections.has(type)) throw new Error(`${path}: duplicated section ${type}`)
    sections.set(type, { offset: pos + 12, size })
    pos += 12 + size
  }
  const h = sections.get(1)
  const c = sections.get(2)
  if (!h || !c) throw new Error(`${path}: missing header or constraints section`)
  let p = h.offset
  const n8 = bytes.readUInt32LE(p)
  p += 4
  let prime = 0n
  for (let i = n8 - 1; i >= 0; i--) prime = (prime << 8n) | BigInt(bytes[p + i]!)
  p += n8
  const header: R1csHeader = {
    n8,
    prime,
    nWires: bytes.readUInt32LE(p),
    nOutputs: bytes.readUInt32LE(p + 4),
    nPubInputs: bytes.readUInt32LE(p + 8),
    nPrvInputs: bytes.readUInt32LE(p + 12),
    nLabels: Number(bytes.readBigUInt64LE(p + 16)),
    nConstraints: bytes.readUInt32LE(p + 24),
  }
  if (header.prime !== R) throw new Error(`${path}: circuit is not over the BN254 scalar field`)
  if (n8 !== 32) throw new Error(`${path}: unexpected field size ${n8}`)
  return { header, bytes, constraints: c }
}

/**
 * Walk every constraint: `visit(matrix, constraint, wire, coefOffset)` for each term of
 * A (matrix 0), B (1) and C (2), in file order. The coefficient is 32 little-endian bytes
 * at `coefOffset` in `r1cs.bytes` (canonical, as circom writes it).
 */
export function forEachTerm(
  r1cs: R1cs,
  visit: (matrix: 0 | 1 | 2, constraint: number, wire: number, coefOffset: number) => void,
): void {
  const b = r1cs.bytes
  const n8 = r1cs.header.n8
  let p = r1cs.constraints.offset
  const end = p + r1cs.constraints.size
  for (let c = 0; c < r1cs.header.nConstraints; c++) {
    for (let m = 0 as 0 | 1 | 2; m < 3; m = (m + 1) as 0 | 1 | 2) {
      const nTerms = b.readUInt32LE(p)
      p += 4
      for (let t = 0; t < nTerms; t++) {
        const wire = b.readUInt32LE(p)
        visit(m, c, wire, p + 4)
        p += 4 + n8
      }
    }
  }
  if (p !== end) throw new Error('r1cs constraints section has an unexpected size')
}
