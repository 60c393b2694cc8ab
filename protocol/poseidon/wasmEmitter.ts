/**
 * A tiny WebAssembly binary emitter: just enough of the MVP format (type, function, memory,
 * export and code sections; integer arithmetic, memory access, calls and blocks) to
 * generate the field arithmetic and Poseidon kernels of this folder from TypeScript.
 */

/** A WebAssembly value type, as its one-byte encoding. */
export type ValType = 0x7f | 0x7e

/**
 * The 32-bit integer value type.
 *
 * @example
 * ```ts
 * new FunctionBuilder([I32, I32], [I32]) // (i32, i32) -> i32
 * ```
 */
export const I32: ValType = 0x7f
/**
 * The 64-bit integer value type.
 *
 * @example
 * ```ts
 * const limb = f.local(I64)
 * ```
 */
export const I64: ValType = 0x7e

/**
 * Unsigned LEB128 encoding of a non-negative integer (section sizes, indices, offsets).
 *
 * @example
 * ```ts
 * encodeULEB128(624485) // [0xe5, 0x8e, 0x26]
 * ```
 */
export function encodeULEB128(value: number | bigint): number[] {
  let v = BigInt(value)
  if (v < 0n) throw new RangeError(`ULEB128 of a negative value ${v}`)
  const out: number[] = []
  do {
    const byte = Number(v & 0x7fn)
    v >>= 7n
    out.push(v === 0n ? byte : byte | 0x80)
  } while (v !== 0n)
  return out
}

/**
 * Signed LEB128 encoding of an integer (the immediates of `i32.const` and `i64.const`).
 *
 * @example
 * ```ts
 * encodeSLEB128(-123456) // [0xc0, 0xbb, 0x78]
 * ```
 */
export function encodeSLEB128(value: number | bigint): number[] {
  let v = BigInt(value)
  const out: number[] = []
  for (;;) {
    const byte = Number(v & 0x7fn)
    v >>= 7n // arithmetic shift: BigInt keeps the sign
    const signBit = (byte & 0x40) !== 0
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte)
      return out
    }
    out.push(byte | 0x80)
  }
}

function encodeName(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)]
  return [...encodeULEB128(bytes.length), ...bytes]
}

function encodeVector(items: number[][]): number[] {
  return [...encodeULEB128(items.length), ...items.flat()]
}

/** A local variable (or parameter) of a function under construction, by index. */
export type Local = number

/**
 * The body of one function: parameters, declared locals and the instruction bytes. Each
 * method appends one instruction and returns `this`, so code reads like the stack
 * machine it drives.
 *
 * @example
 * ```ts
 * const f = new FunctionBuilder([I64, I64], [I64]) // (a, b) => a * b + 1
 * f.localGet(0).localGet(1).i64Mul().i64Const(1).i64Add()
 * ```
 */
export class FunctionBuilder {
  readonly params: readonly ValType[]
  readonly results: readonly ValType[]
  private readonly locals: ValType[] = []
  private readonly code: number[] = []

  constructor(params: readonly ValType[], results: readonly ValType[]) {
    this.params = params
    this.results = results
  }

  /** Declares a new local of type `type` and returns its index. */
  local(type: ValType): Local {
    this.locals.push(type)
    return this.params.length + this.locals.length - 1
  }

  /** Declares `count` new locals of type `type`. */
  localArray(count: number, type: ValType): Local[] {
    return Array.from({ length: count }, () => this.local(type))
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b)
    return this
  }

  localGet(index: Local): this {
    return this.op(0x20, ...encodeULEB128(index))
  }
  localSet(index: Local): this {
    return this.op(0x21, ...encodeULEB128(index))
  }
  localTee(index: Local): this {
    return this.op(0x22, ...encodeULEB128(index))
  }
  call(functionIndex: number): this {
    return this.op(0x10, ...encodeULEB128(functionIndex))
  }
  /** Starts a block without result; `br` to it jumps past its `end`. */
  block(): this {
    return this.op(0x02, 0x40)
  }
  /** Starts a loop without result; `br` to it jumps back to its start. */
  loop(): this {
    return this.op(0x03, 0x40)
  }
  /** Pops an i32 and runs the following instructions (up to `else`/`end`) if it is non-zero. */
  if(): this {
    return this.op(0x04, 0x40)
  }
  else(): this {
    return this.op(0x05)
  }
  end(): this {
    return this.op(0x0b)
  }
  br(depth: number): this {
    return this.op(0x0c, ...encodeULEB128(depth))
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...encodeULEB128(depth))
  }
  drop(): this {
    return this.op(0x1a)
  }
  /** Pops `c: i32`, `b`, `a` and pushes `c ? a : b`. */
  select(): this {
    return this.op(0x1b)
  }

  i32Const(value: number): this {
    return this.op(0x41, ...encodeSLEB128(value | 0))
  }
  i64Const(value: number | bigint): this {
    return this.op(0x42, ...encodeSLEB128(BigInt.asIntN(64, BigInt(value))))
  }

  // Memory access: `offset` is a constant byte offset added to the i32 address on the stack.
  i32Load(offset = 0): this {
    return this.op(0x28, 2, ...encodeULEB128(offset))
  }
  i64Load(offset = 0): this {
    return this.op(0x29, 3, ...encodeULEB128(offset))
  }
  /** Loads 4 bytes zero-extended to i64. */
  i64Load32U(offset = 0): this {
    return this.op(0x35, 2, ...encodeULEB128(offset))
  }
  i32Store(offset = 0): this {
    return this.op(0x36, 2, ...encodeULEB128(offset))
  }
  i64Store(offset = 0): this {
    return this.op(0x37, 3, ...encodeULEB128(offset))
  }
  /** Stores the low 4 bytes of an i64. */
  i64Store32(offset = 0): this {
    return this.op(0x3e, 2, ...encodeULEB128(offset))
  }

  i32Eqz(): this {
    return this.op(0x45)
  }
  i32Add(): this {
    return this.op(0x6a)
  }
  i32Sub(): this {
    return this.op(0x6b)
  }
  i64Eqz(): this {
    return this.op(0x50)
  }
  i64Ne(): this {
    return this.op(0x52)
  }
  i64LtS(): this {
    return this.op(0x53)
  }
  i64LtU(): this {
    return this.op(0x54)
  }
  i64GeS(): this {
    return this.op(0x59)
  }
  i64Add(): this {
    return this.op(0x7c)
  }
  i64Sub(): this {
    return this.op(0x7d)
  }
  i64Mul(): this {
    return this.op(0x7e)
  }
  i64And(): this {
    return this.op(0x83)
  }
  i64Or(): this {
    return this.op(0x84)
  }
  i64Xor(): this {
    return this.op(0x85)
  }
  i64Shl(): this {
    return this.op(0x86)
  }
  i64ShrS(): this {
    return this.op(0x87)
  }
  i64ShrU(): this {
    return this.op(0x88)
  }
  i32WrapI64(): this {
    return this.op(0xa7)
  }
  i64ExtendI32U(): this {
    return this.op(0xad)
  }

  /** The encoded function body: local declarations, instructions, final `end`. */
  encodeBody(): number[] {
    const groups: number[][] = []
    for (let i = 0; i < this.locals.length; ) {
      let j = i
      while (j < this.locals.length && this.locals[j] === this.locals[i]) j++
      groups.push([...encodeULEB128(j - i), this.locals[i]!])
      i = j
    }
    const body = [...encodeVector(groups), ...this.code, 0x0b]
    return [...encodeULEB128(body.length), ...body]
  }
}

/**
 * Assembles a WebAssembly module with one linear memory and the functions added to it, each
 * optionally exported under a name.
 *
 * @example
 * ```ts
 * const m = new WasmModuleBuilder(1) // one 64 KiB page
 * const add = m.addFunction(new FunctionBuilder([I32, I32], [I32]), 'add')
 * m.body(add).localGet(0).localGet(1).i32Add()
 * const { exports } = instantiateWasm(m.toBytes()) // from wasmInstance.ts
 * (exports['add'] as (a: number, b: number) => number)(2, 3) // 5
 * ```
 */
export class WasmModuleBuilder {
  private readonly functions: { builder: FunctionBuilder; exportName: string | undefined }[] = []
  readonly memoryPages: number

  constructor(memoryPages: number) {
    this.memoryPages = memoryPages
  }

  /**
   * Adds a function and returns its index (for `call`). Functions may be declared before
   * their bodies are written, so that they can call each other in any order.
   */
  addFunction(builder: FunctionBuilder, exportName?: string): number {
    this.functions.push({ builder, exportName })
    return this.functions.length - 1
  }

  /** The builder of the function at `index`, to write its body. */
  body(index: number): FunctionBuilder {
    const f = this.functions[index]
    if (!f) throw new RangeError(`no function ${index}`)
    return f.builder
  }

  /** The complete binary module. */
  toBytes(): Uint8Array<ArrayBuffer> {
    const section = (id: number, content: number[]): number[] => [id, ...encodeULEB128(content.length), ...content]
    // One type per distinct signature.
    const signatures: string[] = []
    const types: number[][] = []
    const typeOf = this.functions.map(({ builder }) => {
      const key = `${builder.params.join(',')}:${builder.results.join(',')}`
      let index = signatures.indexOf(key)
      if (index < 0) {
        index = signatures.push(key) - 1
        types.push([0x60, ...encodeVector(builder.params.map((p) => [p])), ...encodeVector(builder.results.map((r) => [r]))])
      }
      return index
    })
    const exports: number[][] = [[...encodeName('memory'), 0x02, 0]]
    this.functions.forEach(({ exportName }, i) => {
      if (exportName !== undefined) exports.push([...encodeName(exportName), 0x00, ...encodeULEB128(i)])
    })
    const bytes = [
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...section(1, encodeVector(types)),
      ...section(3, encodeVector(typeOf.map((t) => encodeULEB128(t)))),
      ...section(5, encodeVector([[0x00, ...encodeULEB128(this.memoryPages)]])),
      ...section(7, encodeVector(exports)),
      ...section(10, encodeVector(this.functions.map(({ builder }) => builder.encodeBody()))),
    ]
    return Uint8Array.from(bytes)
  }
}
