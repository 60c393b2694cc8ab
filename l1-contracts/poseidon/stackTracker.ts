import { FIELD_MODULUS } from '../../protocol/index.ts'
import { PoseidonCodegenError } from '../build/errors.ts'
import type { EvmAssembler, OpName } from './evmAssembler.ts'

/**
 * The largest EVM word.
 *
 * @example
 * ```ts
 * 5n * FIELD_MODULUS <= WORD_MAX // true: five reduced values add without overflow
 * ```
 */
export const WORD_MAX = (1n << 256n) - 1n
const P = FIELD_MODULUS

/**
 * A value on the tracked stack: its name and an upper bound (inclusive) of what it can hold.
 *
 * @example
 * ```ts
 * const v: StackValue = { name: 'p', max: FIELD_MODULUS }
 * ```
 */
export interface StackValue {
  name: string
  max: bigint
}

/**
 * Straight-line stack code by name: keeps a model of the EVM stack (names and exact upper
 * bounds of the values), emits `DUPn`/`SWAPn` from the positions of named values, and
 * emits field arithmetic with lazy reduction: plain `ADD` while the sum provably fits in
 * 256 bits, `ADDMOD` when it might not. The field modulus lives on the stack under the
 * name `p` and is duplicated, never re-pushed.
 *
 * @example
 * ```ts
 * const s = new StackTracker({ asm: new EvmAssembler() })
 * s.push({ value: FIELD_MODULUS, name: 'p' })
 * s.push({ value: 5n, name: 'x' })
 * s.mulConst({ name: 'x', constant: 3n, as: 'y' }) // y = 15, x and p stay
 * ```
 */
export class StackTracker {
  readonly asm: EvmAssembler
  readonly stack: StackValue[] = []
  private counter = 0

  constructor(params: { asm: EvmAssembler }) {
    this.asm = params.asm
  }

  /** A fresh temporary name. */
  fresh(prefix = 'tmp'): string {
    return `${prefix}#${this.counter++}`
  }

  /** Depth of `name`, 1 for the top. */
  depth(name: string): number {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.name === name) return this.stack.length - i
    throw new PoseidonCodegenError(`no value ${name} on the stack`)
  }

  /** The value named `name`. */
  get(name: string): StackValue {
    return this.stack[this.stack.length - this.depth(name)]!
  }

  /** The top value. */
  top(): StackValue {
    const v = this.stack[this.stack.length - 1]
    if (!v) throw new PoseidonCodegenError('empty stack')
    return v
  }

  /** Renames the value `from` (e.g. to retire it as garbage). */
  rename(from: string, to: string): void {
    this.get(from).name = to
  }

  /** Pushes a constant. */
  push(params: { value: bigint; name?: string }): string {
    const name = params.name ?? this.fresh('const')
    this.asm.push(params.value)
    this.stack.push({ name, max: params.value })
    return name
  }

  /** Pushes a value the code obtains some other way (e.g. `CALLDATALOAD`), already emitted. */
  pushed(params: { name: string; max: bigint }): string {
    this.stack.push({ name: params.name, max: params.max })
    return params.name
  }

  /** `DUPn` of `name`. */
  dup(name: string, as?: string): string {
    const v = this.get(name)
    this.asm.dup(this.depth(name))
    const copy = as ?? this.fresh(name.replace(/#.*$/, ''))
    this.stack.push({ name: copy, max: v.max })
    return copy
  }

  /** `SWAPn`. */
  swap(n: number): void {
    this.asm.swap(n)
    const len = this.stack.length
    const a = this.stack[len - 1]!
    this.stack[len - 1] = this.stack[len - 1 - n]!
    this.stack[len - 1 - n] = a
  }

  /** Brings `name` to the top with one `SWAPn` (no-op if it is there). */
  toTop(name: string): void {
    const d = this.depth(name)
    if (d > 1) this.swap(d - 1)
  }

  /** Emits `op`, popping `arity` values and pushing one result named `as` bounded by `max`. */
  apply(params: { op: OpName; arity: number; max: bigint; as?: string }): string {
    this.asm.op(params.op)
    if (this.stack.length < params.arity) throw new PoseidonCodegenError(`stack underflow at ${params.op}`)
    this.stack.length -= params.arity
    const name = params.as ?? this.fresh(params.op.toLowerCase())
    this.stack.push({ name, max: params.max })
    return name
  }

  /** Emits `op` popping `arity` values and pushing nothing. */
  consume(params: { op: OpName; arity: number }): void {
    this.asm.op(params.op)
    if (this.stack.length < params.arity) throw new PoseidonCodegenError(`stack underflow at ${params.op}`)
    this.stack.length -= params.arity
  }

  /** Pushes `constant * name mod p` (`name` stays). */
  mulConst(params: { name: string; constant: bigint; as?: string }): string {
    this.dup('p')
    this.dup(params.name)
    this.push({ value: params.constant })
    return this.apply({ op: 'MULMOD', arity: 3, max: P - 1n, ...(params.as ? { as: params.as } : {}) })
  }

  /** Replaces the top two values by their sum: `ADD` when it fits, else `ADDMOD` (result below p). */
  add(as?: string): string {
    const len = this.stack.length
    const a = this.stack[len - 1]!
    const b = this.stack[len - 2]!
    const name = as ?? b.name
    if (a.max + b.max <= WORD_MAX) return this.apply({ op: 'ADD', arity: 2, max: a.max + b.max, as: name })
    // [b, a] -> [b, a, p] -> [p, a, b] -> addmod
    this.dup('p')
    this.swap(2)
    return this.apply({ op: 'ADDMOD', arity: 3, max: P - 1n, as: name })
  }

  /** Adds a constant to the top value (`PUSH c ADD`, or `ADDMOD` when the sum might overflow). */
  addConst(constant: bigint): string {
    if (constant === 0n) return this.top().name
    const a = this.top()
    if (a.max + constant <= WORD_MAX) {
      this.push({ value: constant })
      return this.apply({ op: 'ADD', arity: 2, max: a.max + constant, as: a.name })
    }
    this.dup('p')
    this.swap(1)
    this.push({ value: constant })
    return this.apply({ op: 'ADDMOD', arity: 3, max: P - 1n, as: a.name })
  }

  /** Reduces the top value modulo p if it may be p or more. */
  reduce(): string {
    const a = this.top()
    if (a.max < P) return a.name
    this.dup('p')
    this.swap(1)
    return this.apply({ op: 'MOD', arity: 2, max: P - 1n, as: a.name })
  }

  /** Replaces the top value u by u^5 mod p (three `MULMOD`s; u may be any word). */
  pow5(as?: string): string {
    const u = this.top().name
    const pa = this.dup('p')
    this.dup(pa)
    const u1 = this.dup(u)
    this.dup(u1)
    const sq = this.apply({ op: 'MULMOD', arity: 3, max: P - 1n })
    this.dup(sq)
    this.apply({ op: 'MULMOD', arity: 3, max: P - 1n })
    this.dup('p')
    this.swap(2)
    return this.apply({ op: 'MULMOD', arity: 3, max: P - 1n, as: as ?? u })
  }
}
