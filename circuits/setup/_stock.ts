import { readFileSync } from 'node:fs'
import { loadSnarkjs, releaseSnarkjsCurve } from './libs.ts'
import { tauBeaconHash, deltaBeaconHash, toHex, DEV_CONTRIBUTION_NAME } from './toxic.ts'
const s = await loadSnarkjs()
const P = 8
const d = 'build/tmp/stock'
const { mkdirSync } = await import('node:fs'); mkdirSync(d, { recursive: true })
const curve = await s.curves.getCurveFromName('bn128')
let t = performance.now()
await s.powersOfTau.newAccumulator(curve, P, `${d}/p0.ptau`)
await s.powersOfTau.beacon(`${d}/p0.ptau`, `${d}/p1.ptau`, 'x', toHex(tauBeaconHash()), 10)
await s.powersOfTau.preparePhase2(`${d}/p1.ptau`, `${d}/final.ptau`)
console.log('ptau', performance.now() - t); t = performance.now()
const csHash = await s.zKey.newZKey(process.argv[2]!, `${d}/final.ptau`, `${d}/z0.zkey`) as Uint8Array
console.log('cshash', toHex(csHash))
await s.zKey.beacon(`${d}/z0.zkey`, `${d}/z1.zkey`, DEV_CONTRIBUTION_NAME, toHex(deltaBeaconHash(csHash)), 10)
console.log('zkey', performance.now() - t)
const a = readFileSync(`${d}/z1.zkey`), b = readFileSync(process.argv[3]!)
console.log('sizes', a.length, b.length, 'equal', a.equals(b))
if (!a.equals(b)) { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { console.log('first diff at', i); break } }
await releaseSnarkjsCurve()
