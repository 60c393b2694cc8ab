import { describe, expect, it } from 'vitest'
import { SequencerError } from '../errors/index.ts'
import { toJsonRpcError } from '../rpc/handleJsonRpc.ts'
import { NodeError, RetryExhaustedError } from './errors.ts'
import { nodeRpcError } from './rpc/nodeRpcError.ts'

describe('node errors', () => {
  it("share the sequencer folder's one base, keeping their code, severity and cause", () => {
    const cause = new Error('connection refused')
    const e = new RetryExhaustedError({ what: 'eth_getLogs 1..9', attempts: 3, cause })
    expect(e).toBeInstanceOf(NodeError)
    expect(e).toBeInstanceOf(SequencerError)
    expect(e.code).toBe('RETRY_EXHAUSTED')
    expect(e.severity).toBe('temporary')
    expect(e.cause).toBe(cause)
    expect(e.message).toContain('3 times')
  })

  it('answer JSON-RPC with their stable code whichever mapper meets them', () => {
    const e = new NodeError({ code: 'NOT_FOUND', severity: 'temporary', message: 'no exit 7' })
    expect(nodeRpcError(e)).toEqual({ code: -32001, message: 'no exit 7', data: { reason: 'NOT_FOUND' } })
    expect(toJsonRpcError(e).data).toEqual({ reason: 'NOT_FOUND' })
  })
})
