/**
 * Scenario 7, rebuild from L1 alone: after scenario 1's walk (the same SDK walk, every batch
 * committed as a blob), a FRESH node with its own empty store, started only then and given
 * nothing but the L1 endpoint (events, and blobs checked against their versioned hashes with
 * KZG), replays the batches one at a time (its L1 view capped at each commit block) and, at
 * every batch, has applied exactly that batch with the state root the contract recorded and
 * the sequencer reports (`rollup_getBatch`); at the end every account's balance and nonce
 * match the sequencer's. This file runs the walk with the INSECURE mock verifier (the roots a
 * node rebuilds do not depend on proofs, and real proofs would double the suite's time); the
 * same check runs on the real-proof devnet in test/e2e/happyPath.test.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import type { Devnet } from '../../bridge/devnet/startDevnet.ts'
import { startE2eDevnet } from './support/startE2eDevnet.ts'
import { HAPPY_ENV, runHappyPath } from './support/runHappyPath.ts'
import { rebuildFromL1 } from './support/rebuildFromL1.ts'
import { expectRebuildMatches } from './support/expectRebuildMatches.ts'

let devnet: Devnet
const log = (line: string) => console.log(`[e2e rebuild] ${line}`)

describe('scenario 7: a fresh node rebuilt from L1 alone matches the sequencer at every batch', () => {
  beforeAll(async () => {
    devnet = await startE2eDevnet({ name: 'rebuild', realProofs: false, extraEnv: HAPPY_ENV })
    await runHappyPath({ devnet, log })
  }, 600_000)
  afterAll(async () => {
    await devnet?.stop()
  }, 60_000)

  it('matches the L1 and sequencer roots at every batch of the happy path', async () => {
    expectRebuildMatches({ report: await rebuildFromL1({ devnet }), log })
  }, 120_000)
})
