import { toFunctionSelector } from 'viem'
import { FIELD_MODULUS } from '../../protocol/index.ts'
import { PoseidonCodegenError } from '../build/errors.ts'
import { EvmAssembler } from './evmAssembler.ts'
import { poseidonFunctionSignatures, POSEIDON_INPUT_ERROR } from './poseidonAbi.ts'
import { poseidonEvmSchedule, type PoseidonEvmSchedule } from './poseidonEvmSchedule.ts'
import { StackTracker, WORD_MAX } from './stackTracker.ts'

const P = FIELD_MODULUS

/**
 * EIP-170: the largest runtime code a contract may have on Ethereum mainnet.
 *
 * @example
 * ```ts
 * generatePoseidonEvmCode({ inputs: 5, codeSizeLimit: EIP170_CODE_SIZE_LIMIT })
 * ```
 */
export const EIP170_CODE_SIZE_LIMIT = 24_576

/**
 * One deployed piece of a Poseidon hasher.
 *
 * @example
 * ```ts
 * const [part]: readonly PoseidonCodePart[] = generatePoseidonEvmCode({ inputs: 2 }).parts
 * part!.runtime.length // about 14 KB
 * ```
 */
export interface PoseidonCodePart {
  /** Runtime bytecode of this part. */
  readonly runtime: Uint8Array
  /** Static gas of the rounds this part computes (arithmetic only; see `EvmAssembler.gas`). */
  readonly roundsGas: number
  /** Index of the first round (0-based, over full and partial rounds in order) this part computes. */
  readonly firstRound: number
}

/**
 * The generated EVM code of one Poseidon width.
 *
 * @example
 * ```ts
 * const code: PoseidonEvmCode = generatePoseidonEvmCode({ inputs: 5 })
 * code.parts.length // 2
 * ```
 */
export interface PoseidonEvmCode {
  readonly inputs: number
  /** Creation code: deploys part 0, whose constructor deploys part 1 (and so on) and links it in. */
  readonly initcode: Uint8Array
  /** Runtime code of the contract users call (part 0). */
  readonly runtime: Uint8Array
  /**
   * The parts, in call order. Widths whose code exceeds the size limit are cut at a round
   * boundary; part k hands the state to part k + 1 with one `STATICCALL`.
   */
  readonly parts: readonly PoseidonCodePart[]
}

interface ElementState {
  /** Constant still to be added to element i before its next S-box (0n when folded in already). */
  pending: bigint[]
}

type Round = { kind: 'full'; index: number; step: PoseidonEvmSchedule['first'][number]; zeroFirst: boolean; lastRound: boolean } | { kind: 'partial'; step: PoseidonEvmSchedule['partial'][number] }

/**
 * Generates the EVM bytecode of circomlib's Poseidon hash for `inputs` inputs (1 to 16;
 * the rollup uses 2 to 5), from {@link poseidonEvmSchedule} (constants derived from
 * `protocol/`'s `poseidonParams`). The code is straight-line, hand-scheduled stack code:
 * every constant is inlined as a `PUSH`, the modulus stays on the stack, additions stay
 * unreduced while they provably fit in 256 bits, partial rounds use the scaled sparse form
 * (2(t - 1) `MULMOD`s plus the S-box), and the state rotates through `SWAP`s instead of
 * being copied.
 *
 * The contract answers `hash<N>(uint256,...)`, `hash(uint256[N])`, `poseidon(uint256[N])`
 * and `poseidon(bytes32[N])` (circomlibjs's ABI) with the same 32-byte result. It reverts
 * with `PoseidonInputOutOfRange()` if any input is p or more (p the BN254 scalar modulus),
 * and with empty data on an unknown selector, short calldata or a call with value.
 *
 * Code larger than `codeSizeLimit` (default EIP-170's 24,576 bytes) is split into parts
 * chained by `STATICCALL`; the initcode deploys all of them.
 *
 * @example
 * ```ts
 * const code = generatePoseidonEvmCode({ inputs: 2 })
 * code.parts.length // 1
 * const hash = await deployContract({ ..., bytecode: toHex(code.initcode), abi: poseidonT3Abi })
 * ```
 */
export function generatePoseidonEvmCode(params: { inputs: number; codeSizeLimit?: number }): PoseidonEvmCode {
  const { inputs, codeSizeLimit = EIP170_CODE_SIZE_LIMIT } = params
  const schedule = poseidonEvmSchedule({ inputs })
  const rounds = roundsOf(schedule)
  const parts: { runtime: Uint8Array; roundsGas: number; firstRound: number; placeholder?: number }[] = []
  let from = 0
  let entry: CutState | undefined
  while (from < rounds.length) {
    // Emit everything that is left; if it is too big, cut at the last round boundary that fits.
    const whole = emitPart({ schedule, rounds, from, to: rounds.length, hasNext: false, ...(entry ? { entry } : {}) })
    if (whole.runtime.length <= codeSizeLimit) {
      parts.push({ runtime: whole.runtime, roundsGas: whole.roundsGas, firstRound: from })
      break
    }
    let to = from
    for (let k = from + 1; k < rounds.length; k++) {
      if (whole.offsets[k - from]! + CALL_NEXT_RESERVE > codeSizeLimit) break
      to = k
    }
    if (to === from) throw new PoseidonCodegenError(`Poseidon(${inputs}): one round does not fit in ${codeSizeLimit} bytes`)
    const part = emitPart({ schedule, rounds, from, to, hasNext: true, ...(entry ? { entry } : {}) })
    if (part.runtime.length > codeSizeLimit) throw new PoseidonCodegenError(`Poseidon(${inputs}): part of ${part.runtime.length} bytes exceeds ${codeSizeLimit}`)
    parts.push({ runtime: part.runtime, roundsGas: part.roundsGas, firstRound: from, placeholder: part.placeholder })
    entry = part.exit
    from = to
  }
  // Initcode from the last part backwards: each constructor deploys the next part and patches its address in.
  let initcode: Uint8Array | undefined
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!
    initcode = initcode === undefined ? simpleInitcode(part.runtime) : linkingInitcode({ runtime: part.runtime, placeholder: part.placeholder!, next: initcode })
  }
  return {
    inputs,
    initcode: initcode!,
    runtime: parts[0]!.runtime,
    parts: parts.map(({ runtime, roundsGas, firstRound }) => ({ runtime, roundsGas, firstRound })),
  }
}

/** Bytes kept free at a cut for the code that hands the state to the next part. */
const CALL_NEXT_RESERVE = 128

function roundsOf(schedule: PoseidonEvmSchedule): Round[] {
  const out: Round[] = []
  const fulls = schedule.first.length + schedule.last.length
  schedule.first.forEach((step, i) => out.push({ kind: 'full', index: i, step, zeroFirst: i === 0, lastRound: false }))
  schedule.partial.forEach((step) => out.push({ kind: 'partial', step }))
  schedule.last.forEach((step, i) => out.push({ kind: 'full', index: schedule.first.length + i, step, zeroFirst: false, lastRound: schedule.first.length + i === fulls - 1 }))
  return out
}

/** Constants round `k` adds before its S-boxes, as a vector of t. */
function constantsOf(rounds: readonly Round[], k: number, t: number): bigint[] {
  const r = rounds[k]
  if (!r) return new Array<bigint>(t).fill(0n)
  return r.kind === 'full' ? [...r.step.constants] : [r.step.constant, ...new Array<bigint>(t - 1).fill(0n)]
}

const pow5 = (x: bigint): bigint => {
  const x2 = (x * x) % P
  return (((x2 * x2) % P) * x) % P
}

/** What a part hands to the next one: bounds of s_0..s_(t-1) and their pending constants. */
interface CutState {
  max: bigint[]
  pending: bigint[]
}

function emitPart(params: { schedule: PoseidonEvmSchedule; rounds: readonly Round[]; from: number; to: number; hasNext: boolean; entry?: CutState }): {
  runtime: Uint8Array
  roundsGas: number
  offsets: number[]
  placeholder: number
  exit?: CutState
} {
  const { schedule, rounds, from, to, hasNext, entry } = params
  const t = schedule.t
  const asm = new EvmAssembler()
  const s = new StackTracker({ asm })
  const state: ElementState = { pending: constantsOf(rounds, from, t) }
  if (from === 0) {
    mainPrologue({ s, inputs: schedule.inputs })
  } else {
    // A later part: the previous part passed s_0..s_(t-1) as calldata words, with these bounds.
    if (!entry) throw new PoseidonCodegenError('a later part needs the state of the cut')
    s.push({ value: P, name: 'p' })
    for (let i = t - 1; i >= 0; i--) {
      asm.push(BigInt(32 * i)).op('CALLDATALOAD')
      s.pushed({ name: `s${i}`, max: entry.max[i]! })
    }
    state.pending = [...entry.pending]
  }
  const gasBefore = asm.gas
  const offsets: number[] = []
  for (let k = from; k < to; k++) {
    offsets.push(asm.size)
    const round = rounds[k]!
    const next = constantsOf(rounds, k + 1, t)
    if (round.kind === 'full') fullRound({ s, t, round, state, next, nextIsPartial: rounds[k + 1]?.kind === 'partial' })
    else partialRound({ s, t, step: round.step, state, next })
  }
  offsets.push(asm.size)
  const roundsGas = asm.gas - gasBefore
  let placeholder = -1
  let exit: CutState | undefined
  if (hasNext) {
    exit = { max: Array.from({ length: t }, (_, i) => s.get(`s${i}`).max), pending: [...state.pending] }
    for (let i = 0; i < t; i++) {
      s.dup(`s${i}`)
      s.push({ value: BigInt(32 * i) })
      s.consume({ op: 'MSTORE', arity: 2 })
    }
    asm.push(32n).op('PUSH0').push(BigInt(32 * t)).op('PUSH0')
    asm.pushPlaceholder('next', 20)
    asm.op('GAS').op('STATICCALL').op('ISZERO').pushLabel('callFailed').op('JUMPI')
    asm.push(32n).op('PUSH0').op('RETURN')
    asm.label('callFailed')
    asm.op('RETURNDATASIZE').op('PUSH0').op('PUSH0').op('RETURNDATACOPY').op('RETURNDATASIZE').op('PUSH0').op('REVERT')
    placeholder = asm.markOffset('next')
  } else {
    s.toTop('s0')
    s.reduce()
    asm.op('PUSH0').op('MSTORE').push(32n).op('PUSH0').op('RETURN')
  }
  if (from === 0) mainRevertTargets({ asm })
  return { runtime: asm.assemble(), roundsGas, offsets, placeholder, ...(exit ? { exit } : {}) }
}

function mainPrologue(params: { s: StackTracker; inputs: number }): void {
  const { s, inputs } = params
  const asm = s.asm
  // Non-payable; calldata at least 4 + 32 * inputs bytes; one of the four selectors.
  asm.op('CALLVALUE').pushLabel('revertEmpty').op('JUMPI')
  asm.push(BigInt(4 + 32 * inputs)).op('CALLDATASIZE').op('LT').pushLabel('revertEmpty').op('JUMPI')
  asm.op('PUSH0').op('CALLDATALOAD').push(0xe0n).op('SHR')
  for (const sig of poseidonFunctionSignatures({ inputs })) {
    asm.dup(1).pushWidth(BigInt(toFunctionSelector(sig)), 4).op('EQ').pushLabel('main').op('JUMPI')
  }
  asm.pushLabel('revertEmpty').op('JUMP')
  asm.label('main')
  s.pushed({ name: 'selector', max: WORD_MAX })
  s.push({ value: P, name: 'p' })
  for (let i = inputs; i >= 1; i--) {
    asm.push(BigInt(4 + 32 * (i - 1))).op('CALLDATALOAD')
    s.pushed({ name: `s${i}`, max: WORD_MAX })
  }
  // Every input below p, or revert PoseidonInputOutOfRange().
  for (let i = 1; i <= inputs; i++) {
    s.dup('p')
    s.dup(`s${i}`)
    s.apply({ op: 'LT', arity: 2, max: 1n, as: 'ok' })
    if (i > 1) s.apply({ op: 'AND', arity: 2, max: 1n, as: 'ok' })
  }
  s.apply({ op: 'ISZERO', arity: 1, max: 1n, as: 'bad' })
  asm.pushLabel('revertInput')
  s.stack.push({ name: 'label', max: 0xffffn })
  s.consume({ op: 'JUMPI', arity: 2 })
  for (let i = 1; i <= inputs; i++) s.get(`s${i}`).max = P - 1n
}

function mainRevertTargets(params: { asm: EvmAssembler }): void {
  const { asm } = params
  asm.label('revertEmpty').op('PUSH0').op('PUSH0').op('REVERT')
  asm.label('revertInput')
  asm.pushWidth(BigInt(toFunctionSelector(POSEIDON_INPUT_ERROR)), 4).op('PUSH0').op('MSTORE').push(4n).push(28n).op('REVERT')
}

function fullRound(params: { s: StackTracker; t: number; round: Extract<Round, { kind: 'full' }>; state: ElementState; next: bigint[]; nextIsPartial: boolean }): void {
  const { s, t, round, state, next, nextIsPartial } = params
  const { matrix, constants } = round.step
  const live = Array.from({ length: t }, (_, i) => i).filter((i) => !(round.zeroFirst && i === 0))
  // S-boxes: take the elements from the top down, each brought up by one SWAP.
  const done = new Set<number>()
  while (done.size < live.length) {
    const i = live.filter((j) => !done.has(j)).sort((a, b) => s.depth(`s${a}`) - s.depth(`s${b}`))[0]!
    s.toTop(`s${i}`)
    s.addConst(state.pending[i]!)
    s.pow5()
    s.rename(`s${i}`, `y${i}`)
    done.add(i)
  }
  // Row constants: the next round's constants, plus (first round) the column of the known s0 = 0 lane.
  const y0 = round.zeroFirst ? pow5(constants[0]!) : 0n
  const rows = round.lastRound ? [0] : nextIsPartial ? [...live.filter((i) => i !== 0), 0] : Array.from({ length: t }, (_, i) => i)
  if (!round.lastRound) {
    // A fresh copy of p above the S-box outputs, which stay below as garbage.
    s.rename('p', s.fresh('oldp'))
    s.dup(nameOfTopmostOldP(s), 'p')
  }
  for (const i of rows) {
    // Entries equal to 1 (the scaled column) first: a copy instead of a product.
    const order = [...live].sort((a, b) => Number(matrix[i]![b] === 1n) - Number(matrix[i]![a] === 1n))
    let first = true
    for (const j of order) {
      if (matrix[i]![j] === 1n) s.dup(`y${j}`)
      else s.mulConst({ name: `y${j}`, constant: matrix[i]![j]! })
      if (!first) s.add()
      first = false
    }
    const k = ((matrix[i]![0]! * y0 + next[i]!) % P + P) % P
    s.addConst(round.lastRound ? 0n : k)
    s.rename(s.top().name, `s${i}`)
  }
  for (const j of live) s.rename(`y${j}`, s.fresh('garbage'))
  // Every row folded in the next round's constant (a partial round has one, for s0 only).
  state.pending = new Array<bigint>(t).fill(0n)
}

function nameOfTopmostOldP(s: StackTracker): string {
  for (let i = s.stack.length - 1; i >= 0; i--) if (s.stack[i]!.name.startsWith('oldp')) return s.stack[i]!.name
  throw new PoseidonCodegenError('no modulus on the stack')
}

function partialRound(params: { s: StackTracker; t: number; step: PoseidonEvmSchedule['partial'][number]; state: ElementState; next: bigint[] }): void {
  const { s, t, step, state, next } = params
  s.toTop('s0')
  s.addConst(state.pending[0]!)
  s.pow5('x')
  // s_j += v_j * x, rotating: each s_j comes up with one SWAP, the updated one goes down in its place.
  const done = new Set<number>()
  for (let n = 1; n < t; n++) {
    const j = Array.from({ length: t - 1 }, (_, i) => i + 1)
      .filter((i) => !done.has(i))
      .sort((a, b) => s.depth(`s${a}`) - s.depth(`s${b}`))[0]!
    s.toTop(`s${j}`)
    s.mulConst({ name: 'x', constant: step.v[j - 1]! })
    s.add(`s${j}`)
    done.add(j)
  }
  // s0 = a * x + sum_j w_j * s_j + next constant, consuming x.
  s.toTop('x')
  if (step.xCoefficient !== 1n) {
    s.dup('p')
    s.swap(1)
    s.push({ value: step.xCoefficient })
    s.apply({ op: 'MULMOD', arity: 3, max: P - 1n, as: 'x' })
  }
  for (let j = 1; j < t; j++) {
    s.mulConst({ name: `s${j}`, constant: step.w[j - 1]! })
    s.add('x')
  }
  s.addConst(next[0]!)
  s.rename('x', 's0')
  state.pending = [0n, ...next.slice(1)]
}

function simpleInitcode(runtime: Uint8Array): Uint8Array {
  const asm = new EvmAssembler()
  const ctor = 13
  asm.pushWidth(BigInt(runtime.length), 2).pushWidth(BigInt(ctor), 2).op('PUSH0').op('CODECOPY')
  asm.pushWidth(BigInt(runtime.length), 2).op('PUSH0').op('RETURN')
  if (asm.size !== ctor) throw new PoseidonCodegenError('constructor size mismatch')
  asm.data(runtime)
  return asm.assemble()
}

function linkingInitcode(params: { runtime: Uint8Array; placeholder: number; next: Uint8Array }): Uint8Array {
  const { runtime, placeholder, next } = params
  const build = (ctor: number): EvmAssembler => {
    const asm = new EvmAssembler()
    const rtOff = ctor
    const nextOff = ctor + runtime.length
    // Deploy the next part.
    asm.pushWidth(BigInt(next.length), 2).pushWidth(BigInt(nextOff), 2).op('PUSH0').op('CODECOPY')
    asm.pushWidth(BigInt(next.length), 2).op('PUSH0').op('PUSH0').op('CREATE')
    asm.dup(1).op('ISZERO').pushLabel('fail').op('JUMPI')
    // Copy our runtime and write the next part's address into its PUSH20 placeholder.
    asm.pushWidth(BigInt(runtime.length), 2).pushWidth(BigInt(rtOff), 2).op('PUSH0').op('CODECOPY')
    asm.push(96n).op('SHL')
    asm.pushWidth(BigInt(placeholder), 2).op('MLOAD').pushWidth((1n << 96n) - 1n, 12).op('AND').op('OR')
    asm.pushWidth(BigInt(placeholder), 2).op('MSTORE')
    asm.pushWidth(BigInt(runtime.length), 2).op('PUSH0').op('RETURN')
    asm.label('fail').op('PUSH0').op('PUSH0').op('REVERT')
    return asm
  }
  const ctor = build(0).size
  const asm = build(ctor)
  asm.data(runtime).data(next)
  return asm.assemble()
}
