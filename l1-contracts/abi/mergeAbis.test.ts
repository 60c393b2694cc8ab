import type { Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import { mergeAbis } from './mergeAbis.ts'

const fn = (name: string, types: string[]): Abi[number] => ({ type: 'function', name, stateMutability: 'nonpayable', inputs: types.map((type) => ({ type, name: '' })), outputs: [] })

describe('mergeAbis', () => {
  it('adds the delegated entries the primary lacks, keeps overloads apart and drops the delegated constructor', () => {
    const primary: Abi = [fn('a', ['uint256']), { type: 'error', name: 'E', inputs: [] }, { type: 'fallback', stateMutability: 'nonpayable' }]
    const delegated: Abi = [
      { type: 'constructor', stateMutability: 'nonpayable', inputs: [] },
      fn('a', ['uint256']),
      fn('a', ['address']),
      fn('b', []),
      { type: 'error', name: 'E', inputs: [] },
      { type: 'error', name: 'F', inputs: [] },
    ]
    const merged = mergeAbis({ primary, delegated })
    expect(merged.slice(0, primary.length)).toEqual(primary)
    const added = merged.slice(primary.length).map((e) => ('name' in e ? `${e.type}:${e.name}(${'inputs' in e ? e.inputs.map((i) => i.type).join(',') : ''})` : e.type))
    expect(added).toEqual(['function:a(address)', 'function:b()', 'error:F()'])
  })
})
