import { BITS, QUEUE_KIND } from '../constants.ts'
import type { QueueEntry } from '../queue/queueEntry.ts'
import type { RollupState } from '../state/rollupState.ts'
import { accessAccount, exists, inTree, unusedAccess } from './access.ts'
import type { AccessWitness, QueueOutcome, ReasonCode } from './outcomes.ts'

const MAX_BALANCE = (1n << BigInt(BITS.AMOUNT)) - 1n

/** The result of applying one queue entry: its outcome and the two account accesses. */
export interface QueueStep {
  outcome: QueueOutcome
  /** First access: the deposit target, the keyed account, or the forced source. */
  a: AccessWitness
  /** Second access: the forced-transfer destination; unused otherwise. */
  b: AccessWitness
}

/**
 * Applies one L1 queue entry to `state` (mutating it), deciding exactly as the circuit does:
 * an entry that is invalid against the state is consumed as a no-op, and a deposit that
 * cannot be credited is refunded to its sender through the exit tree at `exitPosition`.
 * Forced transfers and withdrawals pay no fee and leave the nonce alone.
 *
 * @example
 * ```ts
 * const { outcome } = applyQueueEntry({ state, entry, exitPosition: 0 })
 * if (outcome.status === 'noop') console.log(outcome.reason)
 * ```
 */
export function applyQueueEntry(params: { state: RollupState; entry: QueueEntry; exitPosition: number }): QueueStep {
  const { state, entry, exitPosition } = params
  const unused = (): AccessWitness => unusedAccess(state)
  const noop = (reason: ReasonCode, a?: AccessWitness): QueueStep => ({ outcome: { status: 'noop', reason }, a: a ?? unused(), b: unused() })

  switch (entry.kind) {
    case QUEUE_KIND.DEPOSIT: {
      const refund = (reason: ReasonCode, a?: AccessWitness): QueueStep => ({
        outcome: { status: 'refunded', reason, exit: { position: exitPosition, recipient: entry.sender, tokenId: entry.tokenId, amount: entry.amount } },
        a: a ?? unused(),
        b: unused(),
      })
      if (entry.toIndex === 0n) {
        if (!state.hasRoom) return refund('TREE_FULL')
        const index = state.nextIndex
        const a = accessAccount(state, index, () => ({
          owner: entry.sender,
          publicKey: entry.publicKey,
          tokenId: entry.tokenId,
          balance: entry.amount,
          nonce: 0n,
        }))
        return { outcome: { status: 'applied', accountIndex: index }, a, b: unused() }
      }
      if (!inTree(state, entry.toIndex)) return refund('UNKNOWN_ACCOUNT')
      const target = state.get(entry.toIndex)
      const reason: ReasonCode | undefined = !exists(state, entry.toIndex)
        ? 'UNKNOWN_ACCOUNT'
        : target!.tokenId !== entry.tokenId
          ? 'TOKEN_MISMATCH'
          : target!.balance + entry.amount > MAX_BALANCE
            ? 'BALANCE_OVERFLOW'
            : undefined
      if (reason) return refund(reason, accessAccount(state, entry.toIndex, () => undefined))
      const a = accessAccount(state, entry.toIndex, (t) => ({ ...t!, balance: t!.balance + entry.amount }))
      return { outcome: { status: 'applied', accountIndex: entry.toIndex }, a, b: unused() }
    }

    case QUEUE_KIND.SET_KEY: {
      if (!inTree(state, entry.index)) return noop('UNKNOWN_ACCOUNT')
      const acc = state.get(entry.index)
      if (!exists(state, entry.index)) return noop('UNKNOWN_ACCOUNT', accessAccount(state, entry.index, () => undefined))
      if (acc!.owner !== entry.sender) return noop('NOT_OWNER', accessAccount(state, entry.index, () => undefined))
      const a = accessAccount(state, entry.index, (t) => ({ ...t!, publicKey: entry.publicKey }))
      return { outcome: { status: 'applied', accountIndex: entry.index }, a, b: unused() }
    }

    case QUEUE_KIND.FORCED_TRANSFER: {
      // The circuit reads the source (if it is a tree position) and then the destination (if
      // it is one), whatever the outcome: the witness follows the same rule.
      if (!inTree(state, entry.from)) {
        const b = inTree(state, entry.to) ? accessAccount(state, entry.to, () => undefined) : unused()
        return { outcome: { status: 'noop', reason: 'UNKNOWN_ACCOUNT' }, a: unused(), b }
      }
      const src = state.get(entry.from)
      const dst = inTree(state, entry.to) ? state.get(entry.to) : undefined
      const reason: ReasonCode | undefined = !exists(state, entry.from)
        ? 'UNKNOWN_ACCOUNT'
        : src!.owner !== entry.sender
          ? 'NOT_OWNER'
          : !inTree(state, entry.to) || !exists(state, entry.to)
            ? 'UNKNOWN_RECIPIENT'
            : dst!.tokenId !== src!.tokenId
              ? 'TOKEN_MISMATCH'
              : src!.balance < entry.amount
                ? 'INSUFFICIENT_BALANCE'
                : entry.from !== entry.to && dst!.balance + entry.amount > MAX_BALANCE
                  ? 'BALANCE_OVERFLOW'
                  : undefined
      if (reason) {
        const a = accessAccount(state, entry.from, () => undefined)
        const b = inTree(state, entry.to) ? accessAccount(state, entry.to, () => undefined) : unused()
        return { outcome: { status: 'noop', reason }, a, b }
      }
      const a = accessAccount(state, entry.from, (s) => ({ ...s!, balance: s!.balance - entry.amount }))
      const b = accessAccount(state, entry.to, (d) => ({ ...d!, balance: d!.balance + entry.amount }))
      return { outcome: { status: 'applied', accountIndex: entry.from }, a, b }
    }

    case QUEUE_KIND.FORCED_WITHDRAW: {
      if (!inTree(state, entry.from)) return noop('UNKNOWN_ACCOUNT')
      const src = state.get(entry.from)
      const reason: ReasonCode | undefined = !exists(state, entry.from)
        ? 'UNKNOWN_ACCOUNT'
        : src!.owner !== entry.sender
          ? 'NOT_OWNER'
          : src!.balance < entry.amount
            ? 'INSUFFICIENT_BALANCE'
            : undefined
      if (reason) return noop(reason, accessAccount(state, entry.from, () => undefined))
      const a = accessAccount(state, entry.from, (s) => ({ ...s!, balance: s!.balance - entry.amount }))
      return {
        outcome: {
          status: 'applied',
          accountIndex: entry.from,
          exit: { position: exitPosition, recipient: entry.sender, tokenId: src!.tokenId, amount: entry.amount },
        },
        a,
        b: unused(),
      }
    }
  }
}
