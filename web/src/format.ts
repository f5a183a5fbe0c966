/** Numbers and names as the panels print them. */

// One formatter per number of digits: `toLocaleString` with options builds a new Intl.NumberFormat on every call,
// and the first render of the panels formats a few thousand numbers.
const formatters = new Map<number, Intl.NumberFormat>()
export function num(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  let f = formatters.get(digits)
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return f.format(x)
}

let regionNames: Intl.DisplayNames | undefined
// Each look-up goes to ICU's data: the search's candidates and the panels ask for the same few names many times.
const countryNames = new Map<string, string>()
/** "KZ" → "Kazakhstan", from the browser's own locale data (no download). */
export function countryName(code: string): string {
  let name = countryNames.get(code)
  if (name === undefined) {
    try {
      regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })
      name = regionNames.of(code) ?? code
    } catch {
      name = code
    }
    countryNames.set(code, name)
  }
  return name
}

export function capacity(gbps: number | undefined): string {
  if (gbps === undefined) return '—'
  return gbps >= 1000 ? `${num(gbps / 1000, gbps % 1000 === 0 ? 0 : 1)} Tbps` : `${num(gbps)} Gbps`
}

/** Colours of the k paths, best first (colour-blind-safe, Okabe–Ito). */
export const PATH_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#999999', '#332288']

export const KIND_COLORS = { terrestrial: '#b5472d', submarine: '#1f6fb2' } as const
export const NODE_COLORS: Record<string, string> = {
  city: '#222222',
  'landing-station': '#1f6fb2',
  'border-crossing': '#7a5c00',
  exchange: '#6a3d9a',
  'data-center': '#2b8a3e',
}

/** Why a country picked on the map cannot be avoided or cut (at sea, or untouched by the network); undefined when it can. */
export function unusableCountry(code: string | undefined, countries: readonly string[]): string | undefined {
  if (!code) return 'That is not a country on the map.'
  if (!countries.includes(code)) return `${countryName(code)} has no node or link of this network.`
  return undefined
}

/** Link statuses as people say them ("under-construction" → "under construction"). */
export const STATUS_LABELS: Record<string, string> = { operational: 'in service', 'under-construction': 'under construction', planned: 'planned', retired: 'retired' }
export const statusLabel = (status: string | undefined) => STATUS_LABELS[status ?? 'operational'] ?? status ?? 'in service'
/** Node and link kinds as words ("landing-station" → "landing station"). */
export const kindLabel = (kind: string) => kind.replace(/-/g, ' ')
