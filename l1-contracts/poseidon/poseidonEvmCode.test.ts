import { toFunctionSelector } from 'viem'
import { describe, expect, it } from 'vitest'
import { EvmAssembler } from './evmAssembler.ts'
import { poseidonAbi, poseidonFunctionSignatures, poseidonT3Abi, poseidonT4Abi, poseidonT5Abi, poseidonT6Abi } from './poseidonAbi.ts'
import { EIP170_CODE_SIZE_LIMIT, generatePoseidonEvmCode } from './poseidonEvmCode.ts'

describe('generatePoseidonEvmCode', () => {
  it('fits every part in EIP-170 and splits only the widths that need it', () => {
    const parts = [2, 3, 4, 5].map((n) => generatePoseidonEvmCode({ inputs: n }).parts)
    for (const p of parts.flat()) expect(p.runtime.length).toBeLessThanOrEqual(EIP170_CODE_SIZE_LIMIT)
    expect(parts.map((p) => p.length)).toEqual([1, 1, 2, 2])
  })

  it('is deterministic', () => {
    const a = generatePoseidonEvmCode({ inputs: 3 })
    const b = generatePoseidonEvmCode({ inputs: 3 })
    expect(Buffer.from(a.initcode).equals(Buffer.from(b.initcode))).toBe(true)
  })

  it('splits into more parts under a smaller size limit', () => {
    const code = generatePoseidonEvmCode({ inputs: 2, codeSizeLimit: 6000 })
    expect(code.parts.length).toBe(3)
    for (const p of code.parts) expect(p.runtime.length).toBeLessThanOrEqual(6000)
  })

  it('keeps the static gas of its rounds well below circomlibjs (about 29k for 2 inputs)', () => {
    const gas = generatePoseidonEvmCode({ inputs: 2 }).parts[0]!.roundsGas
    expect(gas).toBeLessThan(11_000)
  })

  it('dispatches on the selectors of its ABI', () => {
    const runtime = Buffer.from(generatePoseidonEvmCode({ inputs: 2 }).runtime).toString('hex')
    for (const sig of poseidonFunctionSignatures({ inputs: 2 })) expect(runtime).toContain(`63${toFunctionSelector(sig).slice(2)}`)
  })
})

describe('poseidon ABIs', () => {
  it('literal ABIs equal the generated ones', () => {
    expect(poseidonT3Abi).toEqual(poseidonAbi({ inputs: 2 }))
    expect(poseidonT4Abi).toEqual(poseidonAbi({ inputs: 3 }))
    expect(poseidonT5Abi).toEqual(poseidonAbi({ inputs: 4 }))
    expect(poseidonT6Abi).toEqual(poseidonAbi({ inputs: 5 }))
  })
})

describe('EvmAssembler', () => {
  it('assembles pushes, labels and counts static gas', () => {
    const asm = new EvmAssembler()
    asm.pushLabel('end').op('JUMP').push(0n).push(255n).push(256n).label('end')
    expect(Buffer.from(asm.assemble()).toString('hex')).toBe('61000a565f60ff6101005b')
    expect(asm.gas).toBe(3 + 2 + 3 + 3 + 1)
    expect(() => asm.dup(17)).toThrow(/stack too deep/)
  })
})
