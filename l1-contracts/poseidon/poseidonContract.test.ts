import { BaseError, ContractFunctionRevertedError, encodeFunctionData, toFunctionSelector, toHex, type Abi, type Address, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIELD_MODULUS, poseidon } from '../../protocol/index.ts'
import { type Anvil, startAnvil } from '../../test/harness/anvil.ts'
import { deployContract } from '../../test/harness/deployContract.ts'
import { measureCallGas } from '../../test/harness/measureCallGas.ts'
import { compileContracts } from '../build/compile.ts'
import { poseidonFunctionSignatures, poseidonT3Abi } from './poseidonAbi.ts'
import { generatePoseidonEvmCode } from './poseidonEvmCode.ts'

const P = FIELD_MODULUS
const WIDTHS = [2, 3, 4, 5] as const

/** Deterministic pseudo-random field elements (xorshift over 256 bits), biased to the edges now and then. */
function randomInputs(seed: number, n: number): bigint[] {
  let x = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n
  const next = (): bigint => {
    x ^= (x << 13n) & ((1n << 256n) - 1n)
    x ^= x >> 7n
    x ^= (x << 17n) & ((1n << 256n) - 1n)
    return x
  }
  return Array.from({ length: n }, () => {
    const r = next()
    const pick = Number(r & 7n)
    if (pick === 0) return 0n
    if (pick === 1) return P - 1n - (r >> 250n)
    return (r >> 3n) % P
  })
}

describe('Poseidon hashers on anvil', () => {
  let anvil: Anvil
  const hashers = new Map<number, { address: Address; abi: Abi }>()

  beforeAll(async () => {
    await compileContracts({})
    anvil = await startAnvil()
    for (const n of WIDTHS) {
      const { address, abi } = await deployContract({ anvil, name: `PoseidonT${n + 1}` })
      hashers.set(n, { address, abi })
    }
  })
  afterAll(async () => {
    await anvil?.stop()
  })

  const call = async (n: number, functionName: string, args: unknown[]): Promise<bigint> => {
    const { address, abi } = hashers.get(n)!
    const r = await anvil.publicClient.readContract({ address, abi, functionName, args } as never)
    return typeof r === 'string' ? BigInt(r) : (r as bigint)
  }

  for (const n of WIDTHS) {
    it(`PoseidonT${n + 1} equals protocol's poseidon on random inputs, 0 and p - 1`, async () => {
      const cases = [new Array<bigint>(n).fill(0n), new Array<bigint>(n).fill(P - 1n), Array.from({ length: n }, (_, i) => (i % 2 ? P - 1n : 0n)), ...Array.from({ length: 40 }, (_, k) => randomInputs(1000 * n + k, n))]
      const got = await Promise.all(cases.map((inputs) => call(n, 'hash', [inputs])))
      expect(got).toEqual(cases.map((inputs) => poseidon(inputs)))
    })

    it(`PoseidonT${n + 1} answers all four selectors with the same word`, async () => {
      const inputs = randomInputs(7 * n, n)
      const expected = poseidon(inputs)
      expect(await call(n, `hash${n}`, inputs)).toBe(expected)
      expect(await call(n, 'hash', [inputs])).toBe(expected)
      const { address } = hashers.get(n)!
      for (const sig of poseidonFunctionSignatures({ inputs: n })) {
        const data = (toFunctionSelector(sig) + inputs.map((x) => x.toString(16).padStart(64, '0')).join('')) as Hex
        const { data: out } = await anvil.publicClient.call({ to: address, data })
        expect(BigInt(out!)).toBe(expected)
      }
    })

    it(`PoseidonT${n + 1} reverts with PoseidonInputOutOfRange() for any input >= p`, async () => {
      for (const bad of [P, P + 1n, (1n << 256n) - 1n]) {
        for (let pos = 0; pos < n; pos++) {
          const inputs = randomInputs(pos, n)
          inputs[pos] = bad
          const err = await call(n, 'hash', [inputs]).then(
            () => undefined,
            (e: unknown) => e,
          )
          expect(err, `input ${pos} = ${bad}`).toBeInstanceOf(BaseError)
          const revert = (err as BaseError).walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
          expect(revert?.data?.errorName).toBe('PoseidonInputOutOfRange')
        }
      }
    })
  }

  it('reverts with empty data on an unknown selector, short calldata or value', async () => {
    const { address } = hashers.get(2)!
    const words = `${'0'.repeat(63)}1${'0'.repeat(63)}2`
    const attempts: { data: Hex; value?: bigint }[] = [
      { data: `0xdeadbeef${words}` },
      { data: `${toFunctionSelector('hash2(uint256,uint256)')}${words.slice(0, 64)}` as Hex },
      { data: '0x' },
      { data: `${toFunctionSelector('hash2(uint256,uint256)')}${words}` as Hex, value: 1n },
    ]
    for (const a of attempts) {
      const err = await anvil.publicClient.call({ to: address, account: anvil.accounts[0]!, ...a }).then(
        () => undefined,
        (e: unknown) => e as BaseError,
      )
      expect(err, a.data).toBeDefined()
    }
  })

  it('chains parts correctly when the code is cut more than once', async () => {
    const code = generatePoseidonEvmCode({ inputs: 2, codeSizeLimit: 6000 })
    expect(code.parts.length).toBe(3)
    const { address } = await deployContract({ anvil, name: 'PoseidonT3 in 3 parts', artifact: { contractName: 'PoseidonT3x3', abi: poseidonT3Abi, bytecode: toHex(code.initcode), linkReferences: {} } })
    for (const inputs of [[1n, 2n], [0n, P - 1n], randomInputs(99, 2)] as [bigint, bigint][]) {
      expect(await anvil.publicClient.readContract({ address, abi: poseidonT3Abi, functionName: 'hash2', args: inputs })).toBe(poseidon(inputs))
    }
    const err = await anvil.publicClient.readContract({ address, abi: poseidonT3Abi, functionName: 'hash2', args: [P, 1n] }).catch((e: BaseError) => e)
    expect((err as BaseError).walk((e) => e instanceof ContractFunctionRevertedError)).toBeTruthy()
  })

  it('reports gas per hash for every width', async () => {
    const lines: string[] = []
    for (const n of WIDTHS) {
      const { address, abi } = hashers.get(n)!
      const data = encodeFunctionData({ abi, functionName: 'hash', args: [randomInputs(n, n)] } as never)
      const gas = await measureCallGas({ publicClient: anvil.publicClient, to: address, data })
      lines.push(`PoseidonT${n + 1} (${n} inputs): ${gas} gas`)
      expect(gas).toBeGreaterThan(1000)
      expect(gas).toBeLessThan(40_000)
    }
    console.log(lines.join('\n'))
  })
})
