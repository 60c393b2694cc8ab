import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { mainCurve } from './toxic.ts'
function sections(p: string) {
  const b = readFileSync(p); const n = b.readUInt32LE(8); let pos = 12; const m = new Map<number, Buffer>()
  for (let i = 0; i < n; i++) { const id = b.readUInt32LE(pos); const sz = Number(b.readBigUInt64LE(pos + 4)); m.set(id, b.subarray(pos + 12, pos + 12 + sz)); pos += 12 + sz }
  return m
}
const curve: any = await mainCurve()
const z = sections(process.argv[2]!), pt = sections(process.argv[3]!)
const N = z.get(2)!.readUInt32LE(80), nPub = z.get(2)!.readUInt32LE(76), nVars = z.get(2)!.readUInt32LE(72)
console.log({N, nPub, nVars})
const h = createHash('blake2b512')
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b }
const U1 = async (b: Uint8Array) => Buffer.from(await curve.G1.batchLEMtoU(new Uint8Array(b)))
const U2 = async (b: Uint8Array) => Buffer.from(await curve.G2.batchLEMtoU(new Uint8Array(b)))
const s2 = z.get(2)!
let o = 84
h.update(await U1(s2.subarray(o, o + 64))); o += 64
h.update(await U1(s2.subarray(o, o + 64))); o += 64
h.update(await U2(s2.subarray(o, o + 128))); o += 128
h.update(await U2(s2.subarray(o, o + 128))); o += 128
h.update(await U1(s2.subarray(o, o + 64))); o += 64
h.update(await U2(s2.subarray(o, o + 128))); o += 128
h.update(u32(nPub + 1)); h.update(await U1(z.get(3)!))
h.update(u32(N - 1))
const tg = pt.get(2)!
const hb: Buffer[] = []
for (let i = 0; i < N - 1; i++) {
  const a = curve.G1.fromRprLEM(tg, (i + N) * 64), b = curve.G1.fromRprLEM(tg, i * 64)
  const d = curve.G1.toAffine(curve.G1.sub(a, b)); const u = new Uint8Array(64); curve.G1.toRprUncompressed(u, 0, d); hb.push(Buffer.from(u))
}
h.update(Buffer.concat(hb))
h.update(u32(nVars - nPub - 1)); h.update(await U1(z.get(8)!))
h.update(u32(nVars)); h.update(await U1(z.get(5)!))
h.update(u32(nVars)); h.update(await U1(z.get(6)!))
h.update(u32(nVars)); h.update(await U2(z.get(7)!))
console.log('recomputed', h.digest('hex'))
console.log('stored    ', z.get(10)!.subarray(0, 64).toString('hex'))
