import type { Abi } from 'viem'

/**
 * `primary` plus every entry of `delegated` it lacks (same kind, name and input types),
 * without the delegated contract's constructor.
 *
 * @example
 * ```ts
 * mergeAbis({ primary: rollup.abi, delegated: escapeHatch.abi }).some((e) => e.type === 'function' && e.name === 'escapeWithdraw') // true
 * ```
 */
export function mergeAbis(params: { primary: Abi; delegated: Abi }): Abi {
  const key = (e: Abi[number]): string =>
    'name' in e ? `${e.type}:${e.name}(${('inputs' in e ? e.inputs : []).map((i) => i.type).join(',')})` : e.type
  const known = new Set(params.primary.map(key))
  const extra = params.delegated.filter((e) => e.type !== 'constructor' && e.type !== 'fallback' && e.type !== 'receive' && !known.has(key(e)))
  return [...params.primary, ...extra]
}
