import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ABI_MODULE, abiModule } from './generate.ts'

describe('committed ABIs', () => {
  it('abis.ts matches the Solidity sources (run `npx tsx l1-contracts/abi/generate.ts` if not)', async () => {
    expect(readFileSync(ABI_MODULE, 'utf8')).toBe(await abiModule())
  })
})
