import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { poseidon2 } from '../hash.ts'
import { SparseMerkleTree, computeRoot, denseProof, denseRoot, zeroHashes } from './merkleTree.ts'

/** The naive definition: hash every level of the full tree. */
function naiveRoot(leaves: Map<number, bigint>, depth: number): bigint {
  let level = Array.from({ length: 1 << depth }, (_, i) => leaves.get(i) ?? 0n)
  for (let d = 0; d < depth; d++) {
    const next: bigint[] = []
    for (let i = 0; i < level.length; i += 2) next.push(poseidon2(level[i]!, level[i + 1]!))
    level = next
  }
  return level[0]!
}

const writes = (depth: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: (1 << depth) - 1 }), fc.bigInt({ min: 0n, max: (1n << 253n) - 1n })), { maxLength: 12 })

describe('SparseMerkleTree', () => {
  it('has the root of the naive full-tree recomputation after any sequence of writes', () => {
    const depth = 5
    fc.assert(
      fc.property(writes(depth), (ws) => {
        const tree = new SparseMerkleTree({ depth })
        const leaves = new Map<number, bigint>()
        for (const [i, v] of ws) {
          tree.set(BigInt(i), v)
          leaves.set(i, v)
        }
        expect(tree.root).toBe(naiveRoot(leaves, depth))
        expect(denseRoot(Array.from({ length: 1 << depth }, (_, i) => leaves.get(i) ?? 0n), depth)).toBe(tree.root)
      }),
      { numRuns: 30 },
    )
  })

  it('gives membership proofs that reproduce the root, and fail for another leaf or index', () => {
    const depth = 16
    fc.assert(
      fc.property(writes(depth), fc.integer({ min: 0, max: (1 << depth) - 1 }), (ws, probe) => {
        const tree = new SparseMerkleTree({ depth })
        for (const [i, v] of ws) tree.set(BigInt(i), v)
        const index = BigInt(probe)
        const leaf = tree.get(index)
        const siblings = tree.proof(index)
        expect(siblings).toHaveLength(depth)
        expect(computeRoot({ leaf, index, siblings })).toBe(tree.root)
        expect(computeRoot({ leaf: leaf + 1n, index, siblings })).not.toBe(tree.root)
        // the same leaf and siblings at the neighbouring index give another root, unless both
        // leaves are equal and so are the two subtrees (then the tree cannot tell them apart)
        if (leaf !== siblings[0]) expect(computeRoot({ leaf, index: index ^ 1n, siblings })).not.toBe(tree.root)
      }),
      { numRuns: 30 },
    )
  })

  it('sets many leaves at once to the same root as one by one', () => {
    const depth = 12
    fc.assert(
      fc.property(writes(depth), (ws) => {
        const one = new SparseMerkleTree({ depth })
        for (const [i, v] of ws) one.set(BigInt(i), v)
        const many = new SparseMerkleTree({ depth })
        many.set(5n, 55n)
        many.setMany(ws.map(([i, v]) => [BigInt(i), v] as const))
        if (!ws.some(([i]) => i === 5)) one.set(5n, 55n)
        expect(many.root).toBe(one.root)
      }),
      { numRuns: 25 },
    )
  })

  it('starts at the empty-tree root and works at depth 32', () => {
    const tree = new SparseMerkleTree({ depth: 32 })
    expect(tree.root).toBe(zeroHashes(32)[32])
    tree.set(2n ** 32n - 1n, 7n)
    expect(computeRoot({ leaf: 7n, index: 2n ** 32n - 1n, siblings: tree.proof(2n ** 32n - 1n) })).toBe(tree.root)
    expect(() => tree.set(2n ** 32n, 1n)).toThrow(/leaf index/)
  })

  it('keeps a fork apart from its parent until commit', () => {
    const parent = new SparseMerkleTree({ depth: 8 })
    parent.set(1n, 11n)
    const before = parent.root
    const child = parent.fork()
    child.set(2n, 22n)
    expect(parent.root).toBe(before)
    expect(child.get(1n)).toBe(11n)
    const childRoot = child.root
    child.commit()
    expect(parent.root).toBe(childRoot)
    expect(parent.get(2n)).toBe(22n)
  })

  it('gives dense proofs for the small per-chunk trees', () => {
    const leaves = [1n, 2n, 3n, 4n, 5n]
    for (let i = 0; i < 8; i++) {
      expect(computeRoot({ leaf: leaves[i] ?? 0n, index: BigInt(i), siblings: denseProof(leaves, i, 3) })).toBe(denseRoot(leaves, 3))
    }
  })
})
