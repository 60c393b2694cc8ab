type Labels = Readonly<Record<string, string>>

// Series key: label values in the order given (callers of one metric always pass the same
// label names in the same order); cheap enough to compute on every observation.
const key = (labels: Labels | undefined): string => {
  if (!labels) return ''
  let k = ''
  for (const n in labels) k += `${n}\u0001${labels[n]}\u0002`
  return k
}
const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
const renderLabels = (labels: Labels | undefined, extra?: [string, string]): string => {
  const all = [...Object.entries(labels ?? {}), ...(extra ? [extra] : [])]
  return all.length === 0 ? '' : `{${all.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`
}
const num = (v: number): string => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN')

interface Metric {
  render(): string
}

/** A monotonically increasing count, optionally by labels. */
export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels | undefined; value: number }>()
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels?: Labels, by = 1): void {
    const k = key(labels)
    const cur = this.values.get(k)
    if (cur) cur.value += by
    else this.values.set(k, { labels, value: by })
  }

  get(labels?: Labels): number {
    return this.values.get(key(labels))?.value ?? 0
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`]
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${renderLabels(labels)} ${num(value)}`)
    return lines.join('\n')
  }
}

/** A value read when metrics are scraped. */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number | [Labels, number][],
  ) {}

  render(): string {
    const v = this.read()
    const rows = typeof v === 'number' ? [[undefined, v] as const] : v
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, ...rows.map(([l, x]) => `${this.name}${renderLabels(l)} ${num(x)}`)].join('\n')
  }
}

/** Observations counted into cumulative buckets (Prometheus histogram). */
export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels | undefined; counts: number[]; sum: number; count: number }>()
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels?: Labels): void {
    const k = key(labels)
    let s = this.series.get(k)
    if (!s) this.series.set(k, (s = { labels, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 }))
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++
    s.sum += value
    s.count++
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`]
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket${renderLabels(s.labels, ['le', num(b)])} ${s.counts[i]}`))
      lines.push(`${this.name}_bucket${renderLabels(s.labels, ['le', '+Inf'])} ${s.count}`)
      lines.push(`${this.name}_sum${renderLabels(s.labels)} ${num(s.sum)}`)
      lines.push(`${this.name}_count${renderLabels(s.labels)} ${s.count}`)
    }
    return lines.join('\n')
  }
}

/**
 * A small Prometheus registry written by hand (text exposition format 0.0.4): counters,
 * gauges read at scrape time, and histograms.
 *
 * @example
 * ```ts
 * const registry = new MetricsRegistry()
 * const calls = registry.counter('cw_rpc_calls_total', 'JSON-RPC calls')
 * calls.inc({ method: 'eth_chainId', outcome: 'ok' })
 * registry.render() // '# HELP cw_rpc_calls_total JSON-RPC calls\n# TYPE ...'
 * ```
 */
export class MetricsRegistry {
  private readonly metrics: Metric[] = []

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help))
  }

  gauge(name: string, help: string, read: () => number | [Labels, number][]): Gauge {
    return this.add(new Gauge(name, help, read))
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets))
  }

  /** Every metric in the text exposition format. */
  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`
  }

  private add<M extends Metric>(m: M): M {
    this.metrics.push(m)
    return m
  }
}
