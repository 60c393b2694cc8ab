import { expect } from 'vitest'
import type { RebuildReport } from './rebuildFromL1.ts'

const hex = (v: bigint) => `0x${v.toString(16).padStart(64, '0')}`

/**
 * Prints and asserts a {@link RebuildReport}: at every batch the fresh node applied exactly
 * that batch and its root equals the L1 and sequencer roots; every account's balance and
 * nonce agree between the node and the sequencer.
 *
 * @example
 * ```ts
 * expectRebuildMatches({ report: await rebuildFromL1({ devnet }), log: console.log })
 * ```
 */
export function expectRebuildMatches(params: { report: RebuildReport; log: (line: string) => void }): void {
  const { report, log } = params
  expect(report.batches.length).toBeGreaterThan(0)
  for (const b of report.batches) {
    log(`batch ${b.batch} (L1 block ${b.commitBlock}): node ${b.nodeStatus}, last applied ${b.nodeLastApplied}; roots node ${hex(b.nodeRoot)} / L1 ${hex(b.l1Root)} / sequencer ${hex(b.sequencerRoot)}`)
    expect(b.nodeStatus).toBe('applied')
    expect(b.nodeLastApplied).toBe(b.batch)
    expect(b.nodeRoot).toBe(b.l1Root)
    expect(b.sequencerRoot).toBe(b.l1Root)
  }
  for (const a of report.accounts) {
    log(`account ${a.index}: node balance ${a.node.balance} nonce ${a.node.nonce}; sequencer balance ${a.sequencer.balance} nonce ${a.sequencer.nonce}`)
    expect(a.node).toEqual(a.sequencer)
  }
  log(`${report.batches.length} batch roots and ${report.accounts.length} accounts match`)
}
