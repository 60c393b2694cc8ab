/** A JSON Schema (the draft-7 subset OpenRPC specs use). */
export type Schema = Record<string, unknown>

/**
 * Validates `value` against `schema`, resolving `$ref: '#/components/schemas/X'` in
 * `components`, and returns the problems found (empty when valid), each with its path. It
 * covers what the execution-apis use: `type` (with `'null'`), `pattern`, `enum`, `required`,
 * `properties`, `additionalProperties`, `patternProperties`, `items`, `oneOf` (exactly one),
 * `anyOf`, `allOf`, `minimum`, `maximum`. Unknown keywords throw, so nothing is skipped
 * silently. Test support.
 *
 * @example
 * ```ts
 * validateSchema({ value: '0x1', schema: { $ref: '#/components/schemas/uint' }, components }) // []
 * ```
 */
export function validateSchema(params: { value: unknown; schema: Schema; components: Record<string, Schema>; path?: string }): string[] {
  const errors: string[] = []
  check(params.value, params.schema, params.path ?? '$', params.components, errors)
  return errors
}

const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', 'deprecated', '$comment', 'format', 'externalDocs'])

function check(v: unknown, schema: Schema, path: string, components: Record<string, Schema>, errors: string[]): void {
  for (const k of Object.keys(schema)) {
    if (!ANNOTATIONS.has(k) && !['$ref', 'type', 'pattern', 'enum', 'required', 'properties', 'additionalProperties', 'patternProperties', 'items', 'oneOf', 'anyOf', 'allOf', 'minimum', 'maximum'].includes(k)) {
      throw new Error(`unsupported schema keyword ${k} at ${path}`)
    }
  }
  if (typeof schema.$ref === 'string') {
    const m = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)
    const target = m && components[m[1]!]
    if (!target) throw new Error(`unresolved $ref ${schema.$ref} at ${path}`)
    check(v, target, path, components, errors)
  }
  if (schema.type !== undefined) {
    const t = schema.type as string
    const ok =
      t === 'null' ? v === null
      : t === 'array' ? Array.isArray(v)
      : t === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v)
      : t === 'integer' ? Number.isInteger(v)
      : typeof v === t
    if (!ok) {
      errors.push(`${path}: expected ${t}, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`)
      return
    }
  }
  if (typeof schema.pattern === 'string' && typeof v === 'string' && !new RegExp(schema.pattern).test(v)) errors.push(`${path}: ${JSON.stringify(v)} does not match ${schema.pattern}`)
  if (Array.isArray(schema.enum) && !schema.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`)
  if (typeof schema.minimum === 'number' && typeof v === 'number' && v < schema.minimum) errors.push(`${path}: below ${schema.minimum}`)
  if (typeof schema.maximum === 'number' && typeof v === 'number' && v > schema.maximum) errors.push(`${path}: above ${schema.maximum}`)
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in o)) errors.push(`${path}: missing required ${r}`)
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {}
    const patterns = Object.entries((schema.patternProperties as Record<string, Schema> | undefined) ?? {})
    for (const [k, x] of Object.entries(o)) {
      let matched = false
      if (props[k]) {
        matched = true
        check(x, props[k], `${path}.${k}`, components, errors)
      }
      for (const [re, s] of patterns) {
        if (new RegExp(re).test(k)) {
          matched = true
          check(x, s, `${path}.${k}`, components, errors)
        }
      }
      if (!matched && schema.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`)
      else if (!matched && typeof schema.additionalProperties === 'object') check(x, schema.additionalProperties as Schema, `${path}.${k}`, components, errors)
    }
  }
  if (Array.isArray(v) && schema.items && typeof schema.items === 'object') v.forEach((x, i) => check(x, schema.items as Schema, `${path}[${i}]`, components, errors))
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) check(v, s, path, components, errors)
  const branches = (list: Schema[]): string[][] => list.map((s) => validateSchema({ value: v, schema: s, components, path }))
  if (Array.isArray(schema.anyOf)) {
    const r = branches(schema.anyOf as Schema[])
    if (!r.some((e) => e.length === 0)) errors.push(`${path}: matches none of anyOf (${r.map((e) => e[0]).join(' | ')})`)
  }
  if (Array.isArray(schema.oneOf)) {
    const r = branches(schema.oneOf as Schema[])
    const n = r.filter((e) => e.length === 0).length
    if (n !== 1) errors.push(`${path}: matches ${n} of oneOf, expected exactly 1${n === 0 ? ` (${r.map((e) => e[0]).join(' | ')})` : ''}`)
  }
}
