// Writer for iden3 binary container files (.zkey, .ptau): a 4-byte type tag, u32 version,
// u32 section count, then sections as (u32 id, u64 size, bytes). Sections are laid out up
// front from their known sizes, so they can be filled in any order with positional writes.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'

export class SectionedFile {
  private fd: number
  private offsets = new Map<number, { data: number; size: number; written: number }>()
  readonly tmpPath: string

  constructor(
    readonly path: string,
    type: string,
    sections: { id: number; size: number }[],
  ) {
    this.tmpPath = `${path}.partial`
    this.fd = openSync(this.tmpPath, 'w')
    const head = Buffer.alloc(12)
    head.write(type, 0, 4, 'latin1')
    head.writeUInt32LE(1, 4)
    head.writeUInt32LE(sections.length, 8)
    writeSync(this.fd, head, 0, 12, 0)
    let pos = 12
    for (const s of sections) {
      const h = Buffer.alloc(12)
      h.writeUInt32LE(s.id, 0)
      h.writeBigUInt64LE(BigInt(s.size), 4)
      writeSync(this.fd, h, 0, 12, pos)
      this.offsets.set(s.id, { data: pos + 12, size: s.size, written: 0 })
      pos += 12 + s.size
    }
  }

  /** Append bytes to section `id` (each section is filled front to back). */
  write(id: number, bytes: Uint8Array): void {
    const s = this.offsets.get(id)
    if (!s) throw new Error(`no section ${id}`)
    if (s.written + bytes.byteLength > s.size) throw new Error(`section ${id} overflow`)
    let done = 0
    while (done < bytes.byteLength) {
      done += writeSync(this.fd, bytes, done, bytes.byteLength - done, s.data + s.written + done)
    }
    s.written += bytes.byteLength
  }

  /** Check every section is complete, then move the file into place. */
  finish(): void {
    for (const [id, s] of this.offsets) {
      if (s.written !== s.size) throw new Error(`section ${id}: wrote ${s.written} of ${s.size} bytes`)
    }
    fsyncSync(this.fd)
    closeSync(this.fd)
    renameSync(this.tmpPath, this.path)
  }

  abort(): void {
    try {
      closeSync(this.fd)
    } catch {
      /* already closed */
    }
  }
}
