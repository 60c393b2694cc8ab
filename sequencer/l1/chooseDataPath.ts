/** Blob gas of one blob (EIP-4844 `GAS_PER_BLOB`). @example GAS_PER_BLOB * blobBaseFee // wei paid for one blob */
export const GAS_PER_BLOB = 131_072n

/**
 * The estimated cost of each way to post a request that has both a blob and a calldata
 * alternative, and the cheaper one (the blob on a tie):
 * - blob: `blobExecutionGas x gasPrice + 131,072 x blobBaseFee`;
 * - calldata: `calldataGas x gasPrice`;
 * where `gasPrice` is what a unit of gas is expected to cost (base fee + tip). Pure: the
 * manager calls it once, at the first send of a request; replacements keep the choice.
 *
 * @example
 * ```ts
 * chooseDataPath({ blobExecutionGas: 90_000n, calldataGas: 400_000n, gasPrice: 10n ** 9n, blobBaseFee: 1n })
 * // { via: 'blob', blobCost: 90000000131072n, calldataCost: 400000000000000n }
 * ```
 */
export function chooseDataPath(params: { blobExecutionGas: bigint; calldataGas: bigint; gasPrice: bigint; blobBaseFee: bigint }): {
  via: 'blob' | 'calldata'
  blobCost: bigint
  calldataCost: bigint
} {
  const blobCost = params.blobExecutionGas * params.gasPrice + GAS_PER_BLOB * params.blobBaseFee
  const calldataCost = params.calldataGas * params.gasPrice
  return { via: calldataCost < blobCost ? 'calldata' : 'blob', blobCost, calldataCost }
}
