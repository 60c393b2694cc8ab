// @ts-check
// Worker thread of the fixed-base multiplier (see fixed-base.ts). Plain ESM JavaScript so
// that it runs unchanged under node, tsx and vitest without a TypeScript loader.
//
// Each worker instantiates the BN254 WASM engine that ffjavascript (the library snarkjs uses)
// generates; the main thread hands over the module bytes and the generator pointers, so the
// worker does not import ffjavascript itself (its web-worker shim would take over any worker
// thread that loads it). It computes k_i * G for the generator G of G1 or G2 and many scalars k_i
// with a signed-digit fixed-window table: T[j][d] = d * 2^(w*j) * G for d in 1..2^(w-1).
// A point then costs ceil(255/w) mixed additions and no doublings. The table is built once
// per (group, window) and kept in the worker's WASM memory.
//
// Messages in : { id, group: 'G1'|'G2', window, scalars: Uint8Array (n * 32 bytes, canonical
//                 little-endian integers < r), lem: boolean, u: boolean }
// Messages out: { id, lem?: Uint8Array (n affine points, snarkjs LEM), u?: Uint8Array
//                 (n affine points, uncompressed big-endian), ms } or { id, error }
import { parentPort, workerData } from 'node:worker_threads'

const { code, pG1gen, pG2gen } = workerData
const memory = new WebAssembly.Memory({ initial: 25 })
const instance = await WebAssembly.instantiate(await WebAssembly.compile(code), { env: { memory } })
/** @type {any} */
const ex = instance.exports
const tm = {
  memory,
  u8: new Uint8Array(memory.buffer),
  u32: new Uint32Array(memory.buffer),
  pG1gen,
  pG2gen,
}

let heapTop = (tm.u32[0] + 63) & ~63

function ensureMemory(bytes) {
  const have = tm.memory.buffer.byteLength
  if (bytes > have) {
    tm.memory.grow(Math.ceil((bytes - have) / 65536) + 16)
  }
  tm.u8 = new Uint8Array(tm.memory.buffer)
  tm.u32 = new Uint32Array(tm.memory.buffer)
}

// Word 0 of the WASM memory is the engine's own free pointer: its functions take their
// temporaries from there (batchToAffine, for one). Every region we use must lie below it.
/** @param {number} bytes */
function allocPermanent(bytes) {
  const p = heapTop
  heapTop = (heapTop + bytes + 63) & ~63
  ensureMemory(heapTop + (1 << 20))
  tm.u32[0] = heapTop
  return p
}

/** Scratch for one job, released by releaseScratch(). `headroom` is left for engine temporaries. */
function allocScratch(bytes, headroom) {
  const p = heapTop
  const top = (heapTop + bytes + 63) & ~63
  ensureMemory(top + headroom + (1 << 20))
  tm.u32[0] = top
  return p
}

function releaseScratch() {
  tm.u32[0] = heapTop
}

const GROUPS = {
  G1: { prefix: 'g1m', n8: 32, gen: tm.pG1gen },
  G2: { prefix: 'g2m', n8: 64, gen: tm.pG2gen },
}

/** @type {Map<string, {ptr: number, w: number, nWin: number, half: number}>} */
const tables = new Map()

function getTable(group, w) {
  const key = group + ':' + w
  const hit = tables.get(key)
  if (hit) return hit
  const g = GROUPS[group]
  const sA = g.n8 * 2
  const sJ = g.n8 * 3
  const nWin = Math.ceil(255 / w)
  const half = 1 << (w - 1)
  const ptr = allocPermanent(nWin * half * sA)
  const pTmp = allocScratch(half * sJ + 2 * sJ + sA, half * sJ)
  const pBase = pTmp + half * sJ
  const pBaseA = pBase + sJ
  const add = ex[g.prefix + '_addMixed']
  const dbl = ex[g.prefix + '_double']
  ex[g.prefix + '_copy'](g.gen, pBase)
  for (let j = 0; j < nWin; j++) {
    ex[g.prefix + '_toAffine'](pBase, pBaseA)
    ex[g.prefix + '_copy'](pBase, pTmp)
    for (let d = 1; d < half; d++) add(pTmp + (d - 1) * sJ, pBaseA, pTmp + d * sJ)
    ex[g.prefix + '_batchToAffine'](pTmp, half, ptr + j * half * sA)
    for (let k = 0; k < w; k++) dbl(pBase, pBase)
  }
  releaseScratch()
  const t = { ptr, w, nWin, half }
  tables.set(key, t)
  return t
}

function mul(group, w, scalars, wantLem, wantU) {
  const g = GROUPS[group]
  const sA = g.n8 * 2
  const sJ = g.n8 * 3
  const t = getTable(group, w)
  const n = scalars.byteLength / 32
  const words = new Uint32Array(scalars.buffer, scalars.byteOffset, n * 8)
  try {
    const pAcc = allocScratch(n * (sJ + 2 * sA), n * sJ)
    const pAff = pAcc + n * sJ
    const pU = pAff + n * sA
    const add = ex[g.prefix + '_addMixed']
    const sub = ex[g.prefix + '_subMixed']
    const zero = ex[g.prefix + '_zero']
    const mask = (1 << w) - 1
    const full = 1 << w
    const { ptr, nWin, half } = t
    for (let i = 0; i < n; i++) {
      const acc = pAcc + i * sJ
      zero(acc)
      const wb = i * 8
      if (words[wb + 7] >= 0x40000000) throw new Error('scalar is not reduced')
      let carry = 0
      for (let j = 0; j < nWin; j++) {
        const bit = j * w
        const wi = bit >>> 5
        const sh = bit & 31
        let v = words[wb + wi] >>> sh
        if (sh + w > 32 && wi < 7) v |= words[wb + wi + 1] << (32 - sh)
        let d = (v & mask) + carry
        if (d > half) {
          d -= full
          carry = 1
        } else {
          carry = 0
        }
        if (d > 0) add(acc, ptr + (j * half + d - 1) * sA, acc)
        else if (d < 0) sub(acc, ptr + (j * half - d - 1) * sA, acc)
      }
      if (carry !== 0) throw new Error('scalar too large for the window table')
    }
    ex[g.prefix + '_batchToAffine'](pAcc, n, pAff)
    /** @type {{lem?: Uint8Array, u?: Uint8Array}} */
    const out = {}
    if (wantLem) out.lem = tm.u8.slice(pAff, pAff + n * sA)
    if (wantU) {
      ex[g.prefix + '_batchLEMtoU'](pAff, n, pU)
      out.u = tm.u8.slice(pU, pU + n * sA)
    }
    return out
  } finally {
    releaseScratch()
  }
}

if (!parentPort) throw new Error('fixed-base-worker.mjs must run as a worker thread')
const port = parentPort
port.on('message', (msg) => {
  const t0 = performance.now()
  try {
    const out = mul(msg.group, msg.window, msg.scalars, msg.lem, msg.u)
    const transfer = []
    if (out.lem) transfer.push(out.lem.buffer)
    if (out.u) transfer.push(out.u.buffer)
    port.postMessage({ id: msg.id, ...out, ms: performance.now() - t0 }, transfer)
  } catch (e) {
    port.postMessage({ id: msg.id, error: String(e && e.stack ? e.stack : e) })
  }
})
port.postMessage({ ready: true })
