import { PoseidonCodegenError } from '../build/errors.ts'

/**
 * Opcodes the generators use, with their byte values.
 *
 * @example
 * ```ts
 * OPCODES.MULMOD // 0x09
 * ```
 */
export const OPCODES = {
  STOP: 0x00,
  ADD: 0x01,
  MUL: 0x02,
  SUB: 0x03,
  DIV: 0x04,
  MOD: 0x06,
  ADDMOD: 0x08,
  MULMOD: 0x09,
  LT: 0x10,
  GT: 0x11,
  EQ: 0x14,
  ISZERO: 0x15,
  AND: 0x16,
  OR: 0x17,
  NOT: 0x19,
  SHL: 0x1b,
  SHR: 0x1c,
  ADDRESS: 0x30,
  CALLVALUE: 0x34,
  CALLDATALOAD: 0x35,
  CALLDATASIZE: 0x36,
  CODECOPY: 0x39,
  RETURNDATASIZE: 0x3d,
  RETURNDATACOPY: 0x3e,
  POP: 0x50,
  MLOAD: 0x51,
  MSTORE: 0x52,
  JUMP: 0x56,
  JUMPI: 0x57,
  GAS: 0x5a,
  JUMPDEST: 0x5b,
  PUSH0: 0x5f,
  CREATE: 0xf0,
  RETURN: 0xf3,
  STATICCALL: 0xfa,
  REVERT: 0xfd,
  INVALID: 0xfe,
} as const

/**
 * A name of {@link OPCODES}.
 *
 * @example
 * ```ts
 * const op: OpName = 'ADDMOD'
 * new EvmAssembler().op(op)
 * ```
 */
export type OpName = keyof typeof OPCODES

/**
 * Static gas of the opcodes the generators emit in straight-line code (Cancun and later
 * pricing; memory expansion and calls excluded). Used to report the expected cost of
 * generated code without running it.
 */
const GAS: Partial<Record<number, number>> = {
  [OPCODES.ADD]: 3,
  [OPCODES.SUB]: 3,
  [OPCODES.MOD]: 5,
  [OPCODES.ADDMOD]: 8,
  [OPCODES.MULMOD]: 8,
  [OPCODES.LT]: 3,
  [OPCODES.EQ]: 3,
  [OPCODES.ISZERO]: 3,
  [OPCODES.AND]: 3,
  [OPCODES.SHR]: 3,
  [OPCODES.CALLVALUE]: 2,
  [OPCODES.CALLDATALOAD]: 3,
  [OPCODES.CALLDATASIZE]: 2,
  [OPCODES.POP]: 2,
  [OPCODES.MLOAD]: 3,
  [OPCODES.MSTORE]: 3,
  [OPCODES.JUMPI]: 10,
  [OPCODES.JUMPDEST]: 1,
  [OPCODES.PUSH0]: 2,
  [OPCODES.GAS]: 2,
}

/**
 * A minimal EVM assembler: opcodes, pushes of the shortest width, `DUPn`/`SWAPn`, labels
 * with 2-byte jump targets, patchable immediates and raw data. It also sums the static gas
 * of what it emits (see {@link EvmAssembler.gas}) so a straight-line code generator can
 * report its cost.
 *
 * @example
 * ```ts
 * const asm = new EvmAssembler()
 * asm.push(42n).op('PUSH0').op('MSTORE').push(32n).op('PUSH0').op('RETURN')
 * asm.assemble() // Uint8Array [0x60, 0x2a, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3]
 * ```
 */
export class EvmAssembler {
  private readonly code: number[] = []
  private readonly labels = new Map<string, number>()
  private readonly fixups: { at: number; label: string }[] = []
  private readonly marks = new Map<string, { at: number; width: number }>()
  /** Static gas of everything emitted so far (see the module note on what is counted). */
  gas = 0

  /** Bytes emitted so far. */
  get size(): number {
    return this.code.length
  }

  /** Emits one opcode by name. */
  op(name: OpName): this {
    const byte = OPCODES[name]
    this.code.push(byte)
    this.gas += GAS[byte] ?? 0
    return this
  }

  /** Pushes `value` with the shortest `PUSHn` (`PUSH0` for zero). */
  push(value: bigint | number): this {
    const v = BigInt(value)
    if (v < 0n || v >= 1n << 256n) throw new PoseidonCodegenError(`push: ${v} is not a 256-bit word`)
    if (v === 0n) return this.op('PUSH0')
    const hex = v.toString(16)
    return this.pushBytes(hexToBytes(hex.length % 2 ? `0${hex}` : hex))
  }

  /** Pushes exactly `width` bytes of `value` (`PUSH<width>`). */
  pushWidth(value: bigint, width: number): this {
    if (width < 1 || width > 32 || value < 0n || value >= 1n << BigInt(8 * width)) throw new PoseidonCodegenError(`pushWidth: ${value} does not fit ${width} bytes`)
    return this.pushBytes(hexToBytes(value.toString(16).padStart(2 * width, '0')))
  }

  private pushBytes(bytes: Uint8Array): this {
    this.code.push(0x5f + bytes.length, ...bytes)
    this.gas += 3
    return this
  }

  /** `DUPn`, n = 1..16. */
  dup(n: number): this {
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new PoseidonCodegenError(`stack too deep: DUP${n}`)
    this.code.push(0x7f + n)
    this.gas += 3
    return this
  }

  /** `SWAPn`, n = 1..16. */
  swap(n: number): this {
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new PoseidonCodegenError(`stack too deep: SWAP${n}`)
    this.code.push(0x8f + n)
    this.gas += 3
    return this
  }

  /** Places label `name` here (emits `JUMPDEST`). */
  label(name: string): this {
    if (this.labels.has(name)) throw new PoseidonCodegenError(`label ${name} defined twice`)
    this.labels.set(name, this.code.length)
    return this.op('JUMPDEST')
  }

  /** Pushes the offset of label `name` (`PUSH2`, resolved by {@link assemble}). */
  pushLabel(name: string): this {
    this.fixups.push({ at: this.code.length + 1, label: name })
    this.code.push(0x61, 0, 0)
    this.gas += 3
    return this
  }

  /** Pushes a `width`-byte placeholder of zeros that can be located later with {@link markOffset}. */
  pushPlaceholder(mark: string, width: number): this {
    this.marks.set(mark, { at: this.code.length + 1, width })
    this.code.push(0x5f + width, ...new Array<number>(width).fill(0))
    this.gas += 3
    return this
  }

  /** Byte offset of the immediate of placeholder `mark`. */
  markOffset(mark: string): number {
    const m = this.marks.get(mark)
    if (!m) throw new PoseidonCodegenError(`no placeholder ${mark}`)
    return m.at
  }

  /** Appends raw bytes (data, never executed). */
  data(bytes: Uint8Array): this {
    this.code.push(...bytes)
    return this
  }

  /** The bytecode, with labels resolved. */
  assemble(): Uint8Array {
    const out = Uint8Array.from(this.code)
    for (const { at, label } of this.fixups) {
      const target = this.labels.get(label)
      if (target === undefined) throw new PoseidonCodegenError(`undefined label ${label}`)
      if (target > 0xffff) throw new PoseidonCodegenError(`label ${label} beyond 64 KiB`)
      out[at] = target >> 8
      out[at + 1] = target & 0xff
    }
    return out
  }
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}
