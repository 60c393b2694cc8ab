/**
 * The warm-start handshake of the crash tests' sequencer children (test support): prints
 * `WARM` once the child has loaded and warmed what it can, then resolves when a line `GO`
 * arrives on stdin, so that a test measures a restart without module loading.
 *
 * @example
 * ```ts
 * warmUpCrypto({ domain: 1n })
 * await awaitGo()
 * await import('../main.ts')
 * ```
 */
export async function awaitGo(): Promise<void> {
  process.stdout.write('WARM\n')
  await new Promise<void>((resolve) => {
    let input = ''
    process.stdin.on('data', (d) => {
      input += d.toString()
      if (input.includes('GO')) resolve()
    })
  })
  process.stdin.pause()
}
