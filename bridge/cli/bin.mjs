#!/usr/bin/env node
// The `counterweight` executable: loads tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api'
register()
const { runCli } = await import('./counterweight.ts')
let onInterrupt = () => {}
const interrupted = new Promise((r) => (onInterrupt = r))
process.on('SIGINT', () => onInterrupt())
process.on('SIGTERM', () => onInterrupt())
process.exit(await runCli({ argv: process.argv.slice(2), env: process.env, interrupted }))
