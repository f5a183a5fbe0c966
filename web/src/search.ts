import type { Network } from '../../src/model'
import { editDistance, normalizeName } from '../../src/routing/resolve'
import { countryName, kindLabel, statusLabel } from './format'

/** One thing the search finds: a node, a link (a cable) or a country; `layer` names a future layer's hits too. */
export interface SearchHit {
  type: 'node' | 'link' | 'country'
  id: string
  label: string
  /** What it is, in words: "city · Kazakhstan", "submarine cable · AzerTelecom". */
  detail: string
  /** Why it matched when not by its label: "operator AzerTelecom", "id tcfo-sumgait-aktau". */
  matched?: string
  /** 0 exact … higher is looser; typos score above every literal match. */
  score: number
}

interface Candidate {
  type: SearchHit['type']
  id: string
  label: string
  detail: string
  /** Texts the query is held against, the label first; `why` is shown when a text other than the label matched. */
  texts: { text: string; why?: string }[]
}

/**
 * How well a query matches a text, both normalised (normalizeName: case, accents, punctuation): 0 equal,
 * 1 prefix, 2 a word's prefix, 3 inside; then typos, by the edit distance to the closest word or word run of
 * the query's length, allowed up to one edit per four letters (so "frnakfurt" finds "frankfurt", while "ba"
 * finds nothing by typo): 10 + 2 × edits, + 1 unless the closest run is the whole text. Undefined when it does
 * not match.
 */
export function matchScore(query: string, text: string): number | undefined {
  if (!query || !text) return undefined
  if (text === query) return 0
  if (text.startsWith(query)) return 1
  const words = text.split(' ')
  if (words.some((w) => w.startsWith(query))) return 2
  if (text.includes(query)) return 3
  const allowed = Math.floor(query.length / 4)
  if (allowed === 0) return undefined
  const span = query.split(' ').length
  let best = Infinity
  let whole = false
  for (let i = 0; i + span <= words.length; i++) {
    const run = words.slice(i, i + span).join(' ')
    // Compared with the run, and with the run cut to the query's length (a typo in a prefix: "kazakhtel").
    const d = Math.min(editDistance(query, run), editDistance(query, run.slice(0, query.length)))
    if (d < best || (d === best && run === text)) whole = run === text
    best = Math.min(best, d)
  }
  // Two points an edit; at equal edits the whole text ("Kazakstan" → Kazakhstan, not a Kazakhstan–Russia border).
  return best <= allowed ? 10 + 2 * best + (whole ? 0 : 1) : undefined
}

/** Everything of a network one can look for: nodes by name and id; links by name, id and operator; countries by name and code. */
export function searchCandidates(network: Network): Candidate[] {
  const nodes: Candidate[] = network.nodes.map((n) => ({
    type: 'node',
    id: n.id,
    label: n.name,
    detail: [kindLabel(n.kind), n.country ? countryName(n.country) : undefined].filter(Boolean).join(' · '),
    texts: [{ text: n.name }, { text: n.id, why: `id ${n.id}` }, ...(n.operators ?? []).map((o) => ({ text: o, why: `operator ${o}` }))],
  }))
  const nodeName = new Map(network.nodes.map((n) => [n.id, n.name]))
  const links: Candidate[] = network.links.map((l) => {
    const ends = `${nodeName.get(l.a) ?? l.a} – ${nodeName.get(l.b) ?? l.b}`
    return {
      type: 'link',
      id: l.id,
      label: l.name ?? ends,
      detail: [`${l.kind === 'submarine' ? 'submarine cable' : 'terrestrial link'}`, statusLabel(l.status), l.name ? ends : undefined, l.operators?.join(', ')].filter(Boolean).join(' · '),
      texts: [{ text: l.name ?? ends }, { text: l.id, why: `id ${l.id}` }, ...(l.name ? [{ text: ends, why: ends }] : []), ...(l.operators ?? []).map((o) => ({ text: o, why: `operator ${o}` }))],
    }
  })
  const codes = [...new Set([...network.nodes.flatMap((n) => (n.country ? [n.country] : [])), ...network.links.flatMap((l) => l.countries ?? [])])].sort()
  const countries: Candidate[] = codes.map((code) => ({ type: 'country', id: code, label: countryName(code), detail: `country · ${code}`, texts: [{ text: countryName(code) }, { text: code, why: `code ${code}` }] }))
  return [...nodes, ...links, ...countries]
}

/** Normalised texts of each candidate, computed once per candidate list. */
const normalised = new WeakMap<Candidate[], string[][]>()

/**
 * The best hits for `query`, best first: by score, then nodes before links before countries, then by label.
 * A text other than the label that matched better than the label is named in `matched`.
 */
export function search(candidates: Candidate[], query: string, limit = 10): SearchHit[] {
  const q = normalizeName(query)
  if (!q) return []
  let texts = normalised.get(candidates)
  if (!texts) {
    texts = candidates.map((c) => c.texts.map((t) => normalizeName(t.text)))
    normalised.set(candidates, texts)
  }
  const order = { node: 0, link: 1, country: 2 }
  const hits: SearchHit[] = []
  candidates.forEach((c, i) => {
    let best: { score: number; why?: string } | undefined
    c.texts.forEach((t, j) => {
      const score = matchScore(q, (texts as string[][])[i][j])
      if (score !== undefined && (!best || score < best.score)) best = { score, why: t.why }
    })
    if (best) hits.push({ type: c.type, id: c.id, label: c.label, detail: c.detail, score: best.score, ...(best.why ? { matched: best.why } : {}) })
  })
  hits.sort((a, b) => a.score - b.score || order[a.type] - order[b.type] || a.label.localeCompare(b.label))
  return hits.slice(0, limit)
}
