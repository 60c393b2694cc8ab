import { startDevnet, type DevnetInfo } from '../../devnet/startDevnet.ts'
import { devnetOptions } from '../../devnet/devnetOptions.ts'
import { EXIT } from '../CliError.ts'
import type { CommandContext } from '../CommandContext.ts'

/**
 * `counterweight devnet`: anvil, circuit keys, contracts, sequencer, node and prover on this
 * machine, then a quickstart; Ctrl-C stops everything.
 *
 * @example
 * ```sh
 * npm run devnet                      # = counterweight devnet
 * npm run counterweight -- devnet --params test --mock-proofs
 * ```
 */
export async function devnetCommand(ctx: CommandContext): Promise<number> {
  const a = ctx.args
  const options = devnetOptions({
    ...(a.string('data-dir') !== undefined ? { dataDir: a.string('data-dir')! } : {}),
    ...(a.string('params') !== undefined ? { paramsName: a.string('params') as 'devnet' | 'test' } : {}),
    ...(a.number('l1-port') !== undefined ? { l1Port: a.number('l1-port')! } : {}),
    ...(a.number('sequencer-port') !== undefined ? { sequencerPort: a.number('sequencer-port')! } : {}),
    ...(a.number('node-port') !== undefined ? { nodePort: a.number('node-port')! } : {}),
    ...(a.number('users') !== undefined ? { users: a.number('users')! } : {}),
    ...(a.number('block-time') !== undefined ? { blockTime: a.number('block-time')! } : {}),
    ...(a.flag('mock-proofs') ? { realProofs: false } : {}),
    ...(a.flag('no-prover') ? { startProver: false } : {}),
    ...(a.flag('no-node') ? { startNode: false } : {}),
  })
  const exitWhenReady = a.flag('exit-when-ready')
  a.done()
  const started = Date.now()
  const devnet = await startDevnet({ options, progress: ctx.progress })
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  if (ctx.json) ctx.print(JSON.stringify({ ...devnet.info, startedInSeconds: Number(seconds) }))
  else ctx.print(quickstart(devnet.info, seconds))
  if (exitWhenReady) {
    await devnet.stop()
    return EXIT.OK
  }
  const outcome = await Promise.race([
    devnet.failed.then((message) => ({ kind: 'failed' as const, message })),
    ctx.interrupted.then(() => ({ kind: 'interrupted' as const, message: '' })),
  ])
  const stopping = ctx.progress.step('stopping the devnet')
  await devnet.stop()
  stopping.done()
  if (outcome.kind === 'failed') {
    ctx.error(outcome.message)
    return EXIT.FAILED
  }
  return EXIT.OK
}

function quickstart(info: DevnetInfo, seconds: string): string {
  const u = info.users[0]
  const lines = [
    '',
    `Counterweight devnet is up (${seconds} s).`,
    '',
    `  L1 (anvil)      ${info.l1.rpcUrl}   chain id ${info.l1.chainId}`,
    `  rollup          ${info.rollup.address}   (verifier ${info.rollup.verifier})`,
    info.sequencer ? `  sequencer RPC   ${info.sequencer.rpcUrl}   L2 chain id ${info.sequencer.l2ChainId}, preconfirmations signed by ${info.sequencer.address}` : '  sequencer       not started',
    info.node ? `  node RPC        ${info.node.rpcUrl}` : '  node            not started',
    info.prover ? `  prover          ${info.prover.verifier === 'generated' ? 'real Groth16 proofs' : 'INSECURE mock proofs'}` : '  prover          not started',
    `  logs            ${info.logs}`,
    '',
    'Funded users (anvil dev keys: never use them on a real network):',
    ...info.users.map((x) => `  ${x.address}  L2 account ${x.l2Index ?? '(pending)'}  key ${x.privateKey}`),
    '',
    'Try (in another terminal):',
    ...(u
      ? [
          `  export CW_PRIVATE_KEY=${u.privateKey}`,
          '  npm run counterweight -- account',
          `  npm run counterweight -- transfer --to ${info.users[1]?.l2Index ?? '2'} --amount 1.5`,
          '  npm run counterweight -- withdraw --amount 2          # prints its sequence number N',
          '  npm run counterweight -- claim --sequence N --wait    # once proven and finalized on L1',
          '  npm run counterweight -- status',
        ]
      : ['  npm run counterweight -- status']),
    '',
    'Ctrl-C stops everything.',
  ]
  return lines.join('\n')
}
