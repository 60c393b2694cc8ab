/**
 * A viem transport that fails a share of its requests (TESTS ONLY): the L1 endpoint "failing
 * half of its requests" of the quality bar.
 */
import { custom, http, type Transport } from 'viem'
import type { Prng } from '../../../protocol/transition/testWorld.ts'

/**
 * Wraps `http(url)`: each request fails with probability `failRate` (before reaching the
 * endpoint), deterministically from `rng`. `stats` counts what happened.
 *
 * @example
 * ```ts
 * const flaky = flakyTransport({ url: anvil.rpcUrl, failRate: 0.5, rng: prng(1) })
 * const client = createPublicClient({ chain, transport: flaky.transport })
 * ```
 */
export function flakyTransport(params: { url: string; failRate: number; rng: Prng }): { transport: Transport; stats: { requests: number; failed: number } } {
  const inner = http(params.url, { retryCount: 0 })({ retryCount: 0 })
  const stats = { requests: 0, failed: 0 }
  const transport = custom(
    {
      async request({ method, params: args }: { method: string; params?: unknown }) {
        stats.requests++
        if (params.rng.chance(params.failRate)) {
          stats.failed++
          throw new Error(`flaky endpoint: ${method} failed`)
        }
        return inner.request({ method, params: args } as never)
      },
    },
    { retryCount: 0 },
  )
  return { transport, stats }
}
