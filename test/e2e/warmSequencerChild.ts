/**
 * The sequencer process for end-to-end crash tests (test support): loads the sequencer's
 * modules, compiles the crypto's WebAssembly and loads the KZG setup, prints `WARM`, waits for a line `GO` on stdin,
 * then runs `sequencer/main.ts` unchanged (configuration from the `CW_*` variables). A test
 * starts the next process while the current one runs, so that a restart after SIGKILL measures
 * what a restart is about (opening the store, catching up with L1), not module loading.
 *
 * @example
 * ```sh
 * echo GO | CW_DB_PATH=/tmp/x/seq.db … node --import tsx test/e2e/warmSequencerChild.ts
 * ```
 */
import '../../sequencer/createSequencer.ts'
import '../../sequencer/l1/index.ts'
import '../../sequencer/rpc/createRpcServer.ts'
import { warmUpCrypto } from '../../sequencer/crypto/cryptoJobs.ts'
import { loadKzg } from '../../l1-contracts/index.ts'
import { awaitGo } from '../../sequencer/testing/awaitGo.ts'

warmUpCrypto({ domain: 1n })
loadKzg()
await awaitGo()
await import('../../sequencer/main.ts')
