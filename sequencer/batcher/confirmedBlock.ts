/**
 * The L1 block the batcher reads its confirmed view at: `confirmations` blocks below the head,
 * but never below `fromBlock` (the rollup's deployment block). While the chain is shorter than
 * that, nothing after `fromBlock` is confirmed and the contract's state at `fromBlock` (no
 * batch, empty queue) is the confirmed view; reading below it would ask for a negative block
 * or for a block where the contract does not exist yet.
 *
 * @example
 * ```ts
 * confirmedBlock({ head: 100n, confirmations: 32, fromBlock: 80n }) // 80n
 * confirmedBlock({ head: 200n, confirmations: 32, fromBlock: 80n }) // 168n
 * ```
 */
export function confirmedBlock(params: { head: bigint; confirmations: number; fromBlock: bigint }): bigint {
  const at = params.head - BigInt(params.confirmations)
  return at > params.fromBlock ? at : params.fromBlock
}
