// Synthetic R1CS + witness for setup/prover benchmarks beyond what circom2 (32-bit WASM)
// compiles: a chain t_i = (t_(i-1) + s) * (t_(i-1) + i), with one public output, one public
// input and one private input. Written straight in the iden3 .r1cs / .wtns formats.
//   npx tsx circuits/setup/synthetic.ts <nConstraints> <out-stem>   ->  <stem>.r1cs, <stem>.wtns
import { closeSync, openSync, writeSync } from 'node:fs'
import { R, add, mul, writeLE32 } from './field.ts'

class Out {
  private fd: number
  private buf = Buffer.alloc(1 << 22)
  private pos = 0
  written = 0
  constructor(path: string) {
    this.fd = openSync(path, 'w')
  }
  private flush() {
    writeSync(this.fd, this.buf, 0, this.pos)
    this.pos = 0
  }
  private room(n: number) {
    if (this.pos + n > this.buf.length) this.flush()
  }
  u32(v: number) {
    this.room(4)
    this.buf.writeUInt32LE(v, this.pos)
    this.pos += 4
    this.written += 4
  }
  u64(v: number) {
    this.room(8)
    this.buf.writeBigUInt64LE(BigInt(v), this.pos)
    this.pos += 8
    this.written += 8
  }
  fe(v: bigint) {
    this.room(32)
    this.buf.fill(0, this.pos, this.pos + 32)
    writeLE32(this.buf, this.pos, v)
    this.pos += 32
    this.written += 32
  }
  bytes(b: string) {
    this.room(b.length)
    this.pos += this.buf.write(b, this.pos, 'latin1')
    this.written += b.length
  }
  close() {
    this.flush()
    closeSync(this.fd)
  }
}

export function writeSynthetic(nConstraints: number, stem: string, x = 5n, s = 7n): { r1cs: string; wtns: string; nWires: number } {
  // wires: 0 one, 1 y (out), 2 x (pub in), 3 s (priv in), 4.. t_1 .. t_(n-1)
  const n = nConstraints
  const nWires = 3 + n
  const t = (i: number) => 3 + i // t_i for i >= 1; t_0 is x (wire 2)
  const r1cs = `${stem}.r1cs`
  const o = new Out(r1cs)
  o.bytes('r1cs')
  o.u32(1)
  o.u32(3)
  o.u32(1)
  o.u64(4 + 32 + 4 * 4 + 8 + 4)
  o.u32(32)
  o.fe(R)
  o.u32(nWires)
  o.u32(1)
  o.u32(1)
  o.u32(1)
  o.u64(nWires)
  o.u32(n)
  // constraints section: size = sum over constraints
  const lc = (terms: number) => 4 + terms * 36
  let size = 0
  for (let i = 1; i < n; i++) size += lc(2) + lc(2) + lc(1)
  size += lc(1) + lc(1) + lc(1)
  o.u32(2)
  o.u64(size)
  const prevWire = (i: number) => (i === 1 ? 2 : t(i - 1))
  for (let i = 1; i < n; i++) {
    o.u32(2) // A = t_(i-1) + s
    o.u32(prevWire(i))
    o.fe(1n)
    o.u32(3)
    o.fe(1n)
    o.u32(2) // B = t_(i-1) + i
    o.u32(0)
    o.fe(BigInt(i))
    o.u32(prevWire(i))
    o.fe(1n)
    o.u32(1) // C = t_i
    o.u32(t(i))
    o.fe(1n)
  }
  // last: t_(n-1) * 1 = y
  o.u32(1)
  o.u32(prevWire(n))
  o.fe(1n)
  o.u32(1)
  o.u32(0)
  o.fe(1n)
  o.u32(1)
  o.u32(1)
  o.fe(1n)
  o.u32(3)
  o.u64(nWires * 8)
  for (let i = 0; i < nWires; i++) o.u64(i)
  o.close()

  // witness
  const w = new Array<bigint>(nWires)
  w[0] = 1n
  w[2] = x % R
  w[3] = s % R
  let prev = w[2]
  for (let i = 1; i < n; i++) {
    prev = mul(add(prev, w[3]), add(prev, BigInt(i)))
    w[t(i)] = prev
  }
  w[1] = prev
  const wtns = `${stem}.wtns`
  const ow = new Out(wtns)
  ow.bytes('wtns')
  ow.u32(2)
  ow.u32(2)
  ow.u32(1)
  ow.u64(4 + 32 + 4)
  ow.u32(32)
  ow.fe(R)
  ow.u32(nWires)
  ow.u32(2)
  ow.u64(nWires * 32)
  for (const v of w) ow.fe(v!)
  ow.close()
  return { r1cs, wtns, nWires }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const n = Number(process.argv[2])
  const stem = process.argv[3]
  if (!n || !stem) {
    console.error('usage: synthetic.ts <nConstraints> <out-stem>')
    process.exit(2)
  }
  console.log(writeSynthetic(n, stem))
}
