import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { validateSchema, type Schema } from './jsonSchema.ts'
import { parseYaml } from './parseYaml.ts'

/** Where the Ethereum JSON-RPC specification (execution-apis) lives on these machines. */
export const EXECUTION_APIS_DIR = process.env.CW_EXECUTION_APIS ?? '/work/shared/specs/execution-apis'

/** One method of the specification: its params and result schemas and examples. */
export interface SpecMethod {
  name: string
  params: { name: string; required?: boolean; schema: Schema }[]
  result: { name: string; schema: Schema }
  examples?: { name: string; params: { name: string; value: unknown }[]; result: { name: string; value: unknown } }[]
}

/** The loaded specification. */
export interface ExecutionApis {
  methods: Map<string, SpecMethod>
  components: Record<string, Schema>
  /** Problems of `value` as the result of `method` (empty when it conforms). */
  validateResult(method: string, value: unknown): string[]
}

/**
 * Loads the execution-apis OpenRPC files (`eth/*.yaml` methods, `schemas/*.yaml` components)
 * so that tests validate the server's answers against the specification itself rather than
 * shapes typed again by hand. Test support.
 *
 * @example
 * ```ts
 * const spec = loadExecutionApis()
 * expect(spec.validateResult('eth_getBlockByNumber', block)).toEqual([])
 * ```
 */
export function loadExecutionApis(dir = EXECUTION_APIS_DIR): ExecutionApis {
  const components: Record<string, Schema> = {}
  for (const f of readdirSync(join(dir, 'schemas')).filter((x) => x.endsWith('.yaml'))) {
    Object.assign(components, parseYaml(readFileSync(join(dir, 'schemas', f), 'utf8')) as Record<string, Schema>)
  }
  const methods = new Map<string, SpecMethod>()
  for (const f of readdirSync(join(dir, 'eth')).filter((x) => x.endsWith('.yaml'))) {
    for (const m of parseYaml(readFileSync(join(dir, 'eth', f), 'utf8')) as SpecMethod[]) methods.set(m.name, m)
  }
  return {
    methods,
    components,
    validateResult(method, value) {
      const m = methods.get(method)
      if (!m) throw new Error(`${method} is not in the execution-apis specification`)
      return validateSchema({ value, schema: m.result.schema, components })
    },
  }
}
