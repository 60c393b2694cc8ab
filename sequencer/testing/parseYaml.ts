/**
 * A YAML reader for the subset the execution-apis specification uses (test support: no YAML
 * library is installed): block mappings and sequences by indentation, plain, single- and
 * double-quoted scalars, block scalars (`|`, `|-`, `>`), flow sequences of scalars, numbers,
 * booleans, null and comments. Anything else throws with the line number, so a spec update
 * that needs more cannot be misread silently.
 *
 * @example
 * ```ts
 * parseYaml('a:\n  - 1\n  - x\n') // { a: [1, 'x'] }
 * ```
 */
export function parseYaml(text: string): unknown {
  const lines: Line[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*(#.*)?$/.test(raw)) {
      lines.push({ indent: -1, text: '', no: i + 1, raw })
      return
    }
    if (raw.includes('\t')) throw new Error(`line ${i + 1}: tabs are not supported`)
    const indent = raw.length - raw.trimStart().length
    lines.push({ indent, text: stripComment(raw.slice(indent)), no: i + 1, raw })
  })
  const p = new Parser(lines)
  p.skipBlank()
  if (p.done()) return null
  const v = p.block(p.peek()!.indent)
  p.skipBlank()
  if (!p.done()) throw new Error(`line ${p.peek()!.no}: unexpected content`)
  return v
}

interface Line {
  indent: number
  text: string
  no: number
  raw: string
}

function stripComment(s: string): string {
  let q: string | undefined
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (q) {
      if (c === q) q = undefined
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s:[,-]/.test(s[i - 1]!)) q = c
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i).trimEnd()
  }
  return s.trimEnd()
}

/** Index of the `:` that ends a mapping key (followed by a space or the end), outside quotes. */
function keyColon(s: string): number {
  let q: string | undefined
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (q) {
      if (c === q) q = undefined
    } else if ((c === "'" || c === '"') && i === 0) q = c
    else if (c === ':' && (i + 1 === s.length || s[i + 1] === ' ')) return i
  }
  return -1
}

class Parser {
  private i = 0
  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.i >= this.lines.length
  }

  peek(): Line | undefined {
    return this.lines[this.i]
  }

  skipBlank(): void {
    while (this.i < this.lines.length && this.lines[this.i]!.indent === -1) this.i++
  }

  block(indent: number): unknown {
    this.skipBlank()
    const line = this.peek()!
    return line.text.startsWith('- ') || line.text === '-' ? this.sequence(indent) : this.mapping(indent)
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (;;) {
      this.skipBlank()
      const line = this.peek()
      if (!line || line.indent < indent) return out
      if (line.indent > indent) throw new Error(`line ${line.no}: bad indentation`)
      if (line.text.startsWith('- ')) return out
      const c = keyColon(line.text)
      if (c < 0) throw new Error(`line ${line.no}: expected "key: value", got ${line.text}`)
      const key = String(scalar(line.text.slice(0, c).trim(), line.no))
      const rest = line.text.slice(c + 1).trim()
      this.i++
      out[key] = this.value(rest, indent, line.no)
    }
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = []
    for (;;) {
      this.skipBlank()
      const line = this.peek()
      if (!line || line.indent < indent || !(line.text.startsWith('- ') || line.text === '-')) return out
      if (line.indent > indent) throw new Error(`line ${line.no}: bad indentation`)
      const content = line.text === '-' ? '' : line.text.slice(2).trim()
      if (content === '') {
        this.i++
        this.skipBlank()
        out.push(this.block(this.peek()!.indent))
      } else if (keyColon(content) >= 0 && !content.startsWith('[')) {
        // "- key: value": a mapping whose first key sits after the dash.
        const inner = indent + (line.text.length - line.text.slice(1).trimStart().length)
        this.lines[this.i] = { ...line, indent: inner, text: content }
        out.push(this.mapping(inner))
      } else {
        this.i++
        out.push(this.value(content, indent, line.no))
      }
    }
  }

  private value(rest: string, indent: number, no: number): unknown {
    if (rest === '') {
      this.skipBlank()
      const next = this.peek()
      if (!next || next.indent < indent) return null
      if (next.indent === indent) return next.text.startsWith('- ') ? this.sequence(indent) : null
      return this.block(next.indent)
    }
    if (/^[|>][-+]?$/.test(rest)) return this.blockScalar(rest, indent)
    if (!/^['"[{]/.test(rest)) {
      // A plain scalar may continue on more indented lines (folded with spaces).
      let text = rest
      while (this.i < this.lines.length && this.lines[this.i]!.indent > indent) text += ` ${this.lines[this.i++]!.text}`
      if (text !== rest) return text
    }
    return scalar(rest, no)
  }

  private blockScalar(header: string, indent: number): string {
    const parts: string[] = []
    let inner = -1
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!
      if (line.indent !== -1 && line.indent <= indent) break
      if (line.indent === -1) parts.push('')
      else {
        if (inner < 0) inner = line.indent
        parts.push(line.raw.slice(inner))
      }
      this.i++
    }
    while (parts.length > 0 && parts.at(-1) === '') parts.pop()
    const body = header.startsWith('>') ? parts.join(' ') : parts.join('\n')
    return header.endsWith('-') ? body : `${body}\n`
  }
}

function scalar(s: string, no: number): unknown {
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new Error(`line ${no}: unterminated single-quoted string`)
    return s.slice(1, -1).replace(/''/g, "'")
  }
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new Error(`line ${no}: unterminated double-quoted string`)
    return JSON.parse(s) as string
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Error(`line ${no}: multi-line flow sequences are not supported`)
    const inner = s.slice(1, -1).trim()
    return inner === '' ? [] : inner.split(',').map((x) => scalar(x.trim(), no))
  }
  if (s.startsWith('{')) {
    if (s.replace(/\s/g, '') === '{}') return {}
    throw new Error(`line ${no}: flow mappings are not supported`)
  }
  if (s.startsWith('&') || s.startsWith('*') || s.startsWith('!')) throw new Error(`line ${no}: anchors, aliases and tags are not supported`)
  if (s === 'true') return true
  if (s === 'false') return false
  if (s === 'null' || s === '~') return null
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s)
  return s
}
