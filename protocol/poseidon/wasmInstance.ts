/**
 * Synchronous instantiation of the modules generated in this folder. The project compiles
 * against the ES and Node libraries, which do not declare the `WebAssembly` global, so the
 * few parts of its API used here are typed locally.
 */

/** A WebAssembly linear memory as seen from JavaScript. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array<ArrayBuffer>) => object
  Instance: new (module: object) => { readonly exports: Record<string, unknown> }
  validate(bytes: Uint8Array<ArrayBuffer>): boolean
}

const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly

/**
 * Compiles and instantiates a module without imports, synchronously (fine in Node for any
 * size), and returns its exports and exported memory.
 *
 * @example
 * ```ts
 * const { exports, memory } = instantiateWasm(builder.toBytes())
 * const hash = exports['hash'] as () => void
 * ```
 */
export function instantiateWasm(bytes: Uint8Array<ArrayBuffer>): { exports: Record<string, unknown>; memory: WasmMemory } {
  const instance = new api.Instance(new api.Module(bytes))
  const memory = instance.exports['memory'] as WasmMemory | undefined
  if (!memory) throw new Error('module exports no memory')
  return { exports: instance.exports, memory }
}

/**
 * Whether the bytes are a valid WebAssembly module.
 *
 * @example
 * ```ts
 * validateWasm(builder.toBytes()) // true
 * ```
 */
export function validateWasm(bytes: Uint8Array<ArrayBuffer>): boolean {
  return api.validate(bytes)
}
