/**
 * Quick measurement (not a test): EdDSA-Poseidon verifications per second, first-use keys and
 * repeated keys, for the WebAssembly path, the previous noble path and circomlibjs, in one
 * process. Run: `npx tsx protocol/eddsa/measureVerify.ts [seconds per figure]`.
 */
import { buildEddsa } from 'circomlibjs'
import { derivePublicKey, sign, verifyReason } from './eddsa.ts'
import { verifyReasonNoble } from './eddsaNoble.ts'
import { poseidon } from '../hash.ts'
import type { Point } from './babyjub.ts'

const seconds = Number(process.argv[2] ?? 2)

interface Case {
  publicKey: Point
  message: bigint
  signature: { R8: Point; S: bigint }
}

function makeCases(count: number, salt: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const key = new Uint8Array(32).map((_, j) => (i * 131 + j * 17 + salt * 7) & 0xff)
    key[0] = salt & 0xff
    key[1] = (salt >> 8) & 0xff
    key[2] = i & 0xff
    key[3] = i >> 8
    const message = BigInt(i) * 1_000_003n + BigInt(salt)
    return { publicKey: derivePublicKey(key), message, signature: sign({ privateKey: key, message }) }
  })
}

// Rates are per second of this process's CPU time (user + system), not wall time: the
// machine may be shared, and the target is a budget of CPU per verification.
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Rate over repeated keys: cycles through `cases` for `seconds` of CPU time. */
function hot(verify: (c: Case) => boolean, cases: Case[]): number {
  for (let i = 0; i < 50; i++) if (!verify(cases[i % cases.length]!)) throw new Error('did not verify')
  let n = 0
  const start = cpuMs()
  while (cpuMs() - start < seconds * 1000) {
    for (let j = 0; j < 20; j++, n++) if (!verify(cases[n % cases.length]!)) throw new Error('did not verify')
  }
  return (n * 1000) / (cpuMs() - start)
}

/** Rate over keys never seen before by the verifier (fresh cases, each verified once). */
function cold(verify: (c: Case) => boolean, cases: Case[]): number {
  const start = cpuMs()
  for (const c of cases) if (!verify(c)) throw new Error('did not verify')
  return (cases.length * 1000) / (cpuMs() - start)
}

const eddsa = await buildEddsa()
const F = eddsa.babyJub.F
const circom = (c: Case): boolean =>
  eddsa.verifyPoseidon(F.e(c.message), { R8: [F.e(c.signature.R8.x), F.e(c.signature.R8.y)], S: c.signature.S }, [F.e(c.publicKey.x), F.e(c.publicKey.y)])
const ours = (c: Case): boolean => verifyReason(c) === undefined
const noble = (c: Case): boolean => verifyReasonNoble(c) === undefined

const hotCases = makeCases(64, 1)
const coldCount = Math.max(200, Math.round(1500 * seconds))
console.log('generating signatures...')
const coldOurs = makeCases(coldCount, 2)
const coldNoble = makeCases(Math.round(coldCount / 4), 3)
const coldCircom = makeCases(Math.round(coldCount / 10), 4)
poseidon([1n])

const rows: [string, number][] = []
for (let round = 0; round < 2; round++) {
  rows.push([`ours hot (round ${round})`, hot(ours, hotCases)])
  rows.push([`noble hot (round ${round})`, hot(noble, hotCases)])
}
rows.push(['circomlibjs (no key state)', hot(circom, hotCases)])
rows.push(['ours first use of key', cold(ours, coldOurs)])
rows.push(['noble first use of key', cold(noble, coldNoble)])
rows.push(['circomlibjs fresh keys', cold(circom, coldCircom)])
for (const [name, rate] of rows) console.log(`${name.padEnd(32)} ${rate.toFixed(0).padStart(7)} verifications/s  ${(1000 / rate).toFixed(3)} ms`)
