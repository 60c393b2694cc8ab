/**
 * The prover as a process. `prove` (default): proves committed, unproven chunks read from L1
 * and finalizes completed batches until SIGINT or SIGTERM (it finishes or abandons nothing
 * half-sent: the proof in progress completes first). `takeover`: commits, proves and finalizes
 * a batch consuming overdue queue entries, then exits (status 2 when refused, with the reason).
 * Configuration: `CW_*` variables (see `prover/config/proverConfig.ts`).
 *
 * @example
 * ```sh
 * CW_L1_RPC_URL=http://127.0.0.1:8545 CW_ROLLUP_ADDRESS=0x… CW_DEPLOYMENT_BLOCK=1 CW_PROVER_KEY=0x… \
 * CW_PROVER_PROOFS=dev CW_PROVER_STORE=./data/prover.sqlite npx tsx prover/main.ts
 * npx tsx prover/main.ts takeover --calldata
 * ```
 */
import { proverMain } from './proverMain.ts'

void proverMain({ argv: process.argv.slice(2), env: process.env })
