/**
 * L1 benchmarks: gas per Poseidon hash for every width the rollup uses on L1, ours (generated
 * by l1-contracts/poseidon) against circomlibjs's `poseidonContract.createCode(n)`, both
 * deployed on the same anvil in the same run and called with the same calldata
 * (`poseidon(uint256[n])`, which both answer). Gas is the callee's execution gas from
 * `debug_traceCall` (a Solidity caller adds 100 gas for a warm CALL, 2,600 for a cold one).
 * PoseidonT5 and PoseidonT6 are two contracts each (EIP-170); `*_warm_tail` prices a call
 * whose second contract is already warm (any hash after the first in a transaction).
 */
import { poseidonContract } from 'circomlibjs'
import { encodeFunctionData, type Address, type Hex } from 'viem'
import { FIELD_MODULUS, poseidon } from '../protocol/index.ts'
import { compileContracts } from '../l1-contracts/build/compile.ts'
import { startAnvil } from '../test/harness/anvil.ts'
import { deployContract } from '../test/harness/deployContract.ts'
import { measureCallGas } from '../test/harness/measureCallGas.ts'
import type { BenchResult } from './result.ts'

/**
 * Runs the L1 benchmark (build, anvil, deploy ours and circomlibjs's, measure) and returns
 * its figures; `npm run bench -- l1` prints them and writes `bench/results/l1.json`.
 *
 * @example
 * ```ts
 * const figures = await run() // [{ name: 'poseidon2_gas_ours', value: 10540, unit: 'gas' }, ...]
 * ```
 */
export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  const push = (name: string, value: number, unit: string): void => {
    out.push({ name, value: Math.round(value * 1000) / 1000, unit })
    console.log(`  ${name}: ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`)
  }
  const { contracts } = await compileContracts({})
  const anvil = await startAnvil()
  try {
    for (const n of [2, 3, 4, 5]) {
      const name = `PoseidonT${n + 1}`
      const artifact = contracts.find((c) => c.contractName === name)!
      const ours = await deployContract({ anvil, name })
      const theirs = await deployContract({
        anvil,
        name: `circomlibjs Poseidon(${n})`,
        artifact: { contractName: `circomlibjs${n}`, abi: poseidonContract.generateABI(n), bytecode: poseidonContract.createCode(n) as Hex, linkReferences: {} },
      })
      const inputs = Array.from({ length: n }, (_, i) => (0x1234567890abcdefn * BigInt(i + 3) + 17n) % FIELD_MODULUS)
      const data = encodeFunctionData({
        abi: [{ type: 'function', name: 'poseidon', stateMutability: 'pure', inputs: [{ name: 'input', type: `uint256[${n}]` }], outputs: [{ name: '', type: 'uint256' }] }],
        functionName: 'poseidon',
        args: [inputs],
      } as never)
      const expected = poseidon(inputs)
      for (const to of [ours.address, theirs.address]) {
        const { data: ret } = await anvil.publicClient.call({ to, data })
        if (BigInt(ret!) !== expected) throw new Error(`${to === ours.address ? name : `circomlibjs(${n})`} returned a wrong hash`)
      }
      const gasOurs = await measureCallGas({ publicClient: anvil.publicClient, to: ours.address, data })
      const gasTheirs = await measureCallGas({ publicClient: anvil.publicClient, to: theirs.address, data })
      push(`poseidon${n}_gas_ours`, gasOurs, 'gas')
      push(`poseidon${n}_gas_circomlibjs`, gasTheirs, 'gas')
      push(`poseidon${n}_gas_ratio`, gasTheirs / gasOurs, 'x')
      const parts = artifact.generator?.parts ?? []
      if (parts.length > 1) {
        const tails = await tailAddresses({ anvil, address: ours.address, parts: parts.length })
        const warm = await measureCallGas({ publicClient: anvil.publicClient, to: ours.address, data, accessList: tails.map((address) => ({ address, storageKeys: [] })) })
        push(`poseidon${n}_gas_ours_warm_tail`, warm, 'gas')
      }
      push(`poseidon${n}_runtime_bytes_ours`, parts.reduce((a, p) => a + p.runtimeSize, 0), 'bytes')
      push(`poseidon${n}_contracts_ours`, parts.length, 'contracts')
      push(`poseidon${n}_deploy_gas_ours`, Number(ours.gasUsed), 'gas')
      push(`poseidon${n}_deploy_gas_circomlibjs`, Number(theirs.gasUsed), 'gas')
    }
  } finally {
    await anvil.stop()
  }
  return out
}

/** Addresses of the later parts of a split hasher: part k creates part k + 1 as its first CREATE (nonce 1). */
async function tailAddresses(params: { anvil: { publicClient: { getCode(a: { address: Address }): Promise<Hex | undefined> } }; address: Address; parts: number }): Promise<Address[]> {
  const { getContractAddress } = await import('viem')
  const out: Address[] = []
  let from = params.address
  for (let k = 1; k < params.parts; k++) {
    from = getContractAddress({ from, nonce: 1n })
    if (!(await params.anvil.publicClient.getCode({ address: from }))) throw new Error(`no code at part ${k} (${from})`)
    out.push(from)
  }
  return out
}
