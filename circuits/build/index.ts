// Circuit build pipeline and trusted setups (dev: fast, deterministic, INSECURE; production:
// snarkjs phase 2 over a public Powers of Tau). See docs/trusted-setup.md.
export { compileCircuit, parseWarnings, circomVersion, CircomInspectError } from './compile.ts'
export type { CompileParams, CompileResult, CircuitStats } from './compile.ts'
export { exportKeys, proveAndVerify, INSECURE_SOLIDITY_BANNER } from './export.ts'
export type { ExportParams, ExportResult, SmokeProofResult } from './export.ts'
export { buildDev, buildProd, checkBuild, INSECURE_WARNING } from './pipeline.ts'
export type { BuildParams, BuildResult, CheckResult } from './pipeline.ts'
export { readManifest, writeManifest, sha256File, checkOnDisk, MANIFEST_SCHEMA } from './manifest.ts'
export type { Manifest, FileEntry, FileCheck, ArtifactKind, DevSetupInfo, ProdSetupInfo } from './manifest.ts'
export { REPO_ROOT, BUILD_DIR } from './paths.ts'

export { devSetup, hashedHPoints } from '../setup/dev-zkey.ts'
export type { DevSetupParams, DevSetupResult } from '../setup/dev-zkey.ts'
export { writeDevPtau } from '../setup/dev-ptau.ts'
export type { DevPtauParams } from '../setup/dev-ptau.ts'
export { prodSetup, verifyZkey, makeLocalPtau } from '../setup/prod-setup.ts'
export type { ProdSetupParams, ProdSetupResult, ProdContribution } from '../setup/prod-setup.ts'
export {
  DEV_LABEL,
  DEV_BEACON_ITERATIONS_EXP,
  DEV_CONTRIBUTION_NAME,
  tauBeaconHash,
  deltaBeaconHash,
  devPowersOfTauSecrets,
} from '../setup/toxic.ts'
export { readR1cs } from '../setup/r1cs.ts'
export { circuitPower } from '../setup/field.ts'
export { FixedBaseMultiplier } from '../setup/fixed-base.ts'
export { loadSnarkjs, releaseSnarkjsCurve } from '../setup/libs.ts'
export type { Logger } from '../setup/libs.ts'
