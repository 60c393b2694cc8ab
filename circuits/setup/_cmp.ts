import { readFileSync } from 'node:fs'
function sections(p: string) {
  const b = readFileSync(p); const n = b.readUInt32LE(8); let pos = 12; const m = new Map<number, Buffer>()
  for (let i = 0; i < n; i++) { const id = b.readUInt32LE(pos); const sz = Number(b.readBigUInt64LE(pos + 4)); m.set(id, b.subarray(pos + 12, pos + 12 + sz)); pos += 12 + sz }
  return m
}
const a = sections(process.argv[2]!), b = sections(process.argv[3]!)
for (const [id, s] of a) { const t = b.get(id); console.log(id, s.length, t?.length, t ? s.equals(t) : 'missing') }
