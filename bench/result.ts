/** One benchmark figure, as written to `bench/results/<area>.json`. */
export interface BenchResult {
  name: string
  value: number
  unit: string
}

/**
 * Runs `fn` repeatedly for at least `minMs` milliseconds (after a short warm-up) and returns
 * operations per second, counting `opsPerCall` operations per call.
 *
 * @example
 * ```ts
 * const hps = measureRate({ fn: () => poseidon2(1n, 2n) })
 * ```
 */
export function measureRate(params: { fn: (i: number) => unknown; minMs?: number; opsPerCall?: number; warmup?: number }): number {
  const { fn, minMs = 1500, opsPerCall = 1, warmup = 20 } = params
  for (let i = 0; i < warmup; i++) fn(i)
  let calls = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < minMs) {
    fn(calls++)
    elapsed = performance.now() - start
  }
  return (calls * opsPerCall * 1000) / elapsed
}

/**
 * Measures two implementations alternately, `rounds` times each, and keeps the best rate of
 * each: load from other processes hits both alike, so their ratio stays meaningful on a
 * shared machine.
 *
 * @example
 * ```ts
 * const { a, b } = compareRates({ a: { fn: () => ours() }, b: { fn: () => theirs() } })
 * ```
 */
export function compareRates(params: {
  a: Parameters<typeof measureRate>[0]
  b: Parameters<typeof measureRate>[0]
  rounds?: number
}): { a: number; b: number } {
  let a = 0
  let b = 0
  for (let r = 0; r < (params.rounds ?? 3); r++) {
    a = Math.max(a, measureRate({ minMs: 700, ...params.a }))
    b = Math.max(b, measureRate({ minMs: 700, ...params.b }))
  }
  return { a, b }
}
