import { describe, expect, it } from 'vitest'
import { FunctionBuilder, I32, I64, WasmModuleBuilder, encodeSLEB128, encodeULEB128 } from './wasmEmitter.ts'
import { instantiateWasm, validateWasm } from './wasmInstance.ts'

function decodeULEB128(bytes: number[]): bigint {
  let v = 0n
  bytes.forEach((b, i) => {
    v |= BigInt(b & 0x7f) << BigInt(7 * i)
    expect((b & 0x80) !== 0).toBe(i < bytes.length - 1)
  })
  return v
}

function decodeSLEB128(bytes: number[]): bigint {
  const v = decodeULEB128(bytes)
  const bits = BigInt(7 * bytes.length)
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v
}

describe('LEB128', () => {
  it('matches the examples of the specification', () => {
    expect(encodeULEB128(624485)).toEqual([0xe5, 0x8e, 0x26])
    expect(encodeSLEB128(-123456)).toEqual([0xc0, 0xbb, 0x78])
    expect(encodeULEB128(0)).toEqual([0])
    expect(encodeSLEB128(-1)).toEqual([0x7f])
    expect(encodeSLEB128(64)).toEqual([0xc0, 0x00])
  })

  it('round-trips', () => {
    const values = [0n, 1n, 63n, 64n, 127n, 128n, 2n ** 31n - 1n, 2n ** 32n, 2n ** 63n - 1n, 2n ** 64n - 1n]
    for (const v of values) {
      expect(decodeULEB128(encodeULEB128(v))).toBe(v)
      expect(decodeSLEB128(encodeSLEB128(v))).toBe(v)
      expect(decodeSLEB128(encodeSLEB128(-v))).toBe(-v)
    }
    expect(() => encodeULEB128(-1)).toThrow(RangeError)
  })
})

describe('WasmModuleBuilder', () => {
  it('builds a module with calls, memory and i64 arithmetic', () => {
    const m = new WasmModuleBuilder(1)
    const mulAdd = m.addFunction(new FunctionBuilder([I64, I64], [I64]), 'mulAdd')
    const store = m.addFunction(new FunctionBuilder([I32, I64], []), 'store')
    const sum = m.addFunction(new FunctionBuilder([I32, I32], [I64]), 'sum')
    m.body(mulAdd).localGet(0).localGet(1).i64Mul().i64Const(-3).i64Add()
    m.body(store).localGet(0).localGet(1).i64Store(8)
    {
      // sum(ptr, n): adds n u32s from ptr, with a loop, calling mulAdd(x, 1) + 3 on each.
      const f = m.body(sum)
      const acc = f.local(I64)
      f.block().loop()
      f.localGet(1).i32Eqz().brIf(1)
      f.localGet(acc).localGet(0).i64Load32U().i64Const(1).call(mulAdd).i64Const(3).i64Add().i64Add().localSet(acc)
      f.localGet(0).i32Const(4).i32Add().localSet(0)
      f.localGet(1).i32Const(1).i32Sub().localSet(1)
      f.br(0).end().end()
      f.localGet(acc)
    }
    const bytes = m.toBytes()
    expect(validateWasm(bytes)).toBe(true)
    const { exports, memory } = instantiateWasm(bytes)
    const x = exports as {
      mulAdd: (a: bigint, b: bigint) => bigint
      store: (p: number, v: bigint) => void
      sum: (p: number, n: number) => bigint
    }
    expect(x.mulAdd(6n, 7n)).toBe(39n)
    expect(x.mulAdd(2n ** 62n, 4n)).toBe(-3n) // wraps mod 2^64
    x.store(0, 0x1122334455667788n)
    expect(new BigUint64Array(memory.buffer)[1]).toBe(0x1122334455667788n)
    new Uint32Array(memory.buffer).set([5, 6, 7], 16)
    expect(x.sum(64, 3)).toBe(18n)
    expect(memory.buffer.byteLength).toBe(65536)
  })
})
