// The browser entry registers no locale; the package's Node entry would pull every locale into the bundle.
import countries from 'i18n-iso-countries/index.js'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { foldName } from '../model'

countries.registerLocale(english)

/**
 * Short English names the locale does not list: the Internet Topology Zoo's `Country` values ("Macedonia",
 * "Brunei", "Macau", "U.S. Virgin Islands", …; all 120 distinct values resolve) and a few common others.
 */
const ALIASES: Record<string, string> = {
  macedonia: 'MK',
  burma: 'MM',
  brunei: 'BN',
  macau: 'MO',
  'saint martin': 'MF',
  'sint maarten': 'SX',
  'us virgin islands': 'VI',
  'british virgin islands': 'VG',
  'bonaire saint eustatius and saba': 'BQ',
  syria: 'SY',
  iran: 'IR',
  laos: 'LA',
  'ivory coast': 'CI',
  'cape verde': 'CV',
  'east timor': 'TL',
  swaziland: 'SZ',
  vatican: 'VA',
  'vatican city': 'VA',
  palestine: 'PS',
  'north korea': 'KP',
  'south korea': 'KR',
  korea: 'KR',
  'czech republic': 'CZ',
  'democratic republic of the congo': 'CD',
  'republic of the congo': 'CG',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
}

function normalise(name: string): string {
  return foldName(name)
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^the /, '')
    .trim()
}

let byName: Map<string, string> | undefined

function nameTable(): Map<string, string> {
  if (byName) return byName
  byName = new Map()
  const names = countries.getNames('en', { select: 'all' }) as Record<string, string[]>
  for (const [code, list] of Object.entries(names)) {
    for (const name of list) {
      const key = normalise(name)
      if (!byName.has(key)) byName.set(key, code)
      // "Moldova, Republic of", "Virgin Islands, U.S.": also accept the part before the comma or both parts swapped.
      const comma = name.indexOf(',')
      if (comma > 0) {
        const head = normalise(name.slice(0, comma))
        const swapped = normalise(`${name.slice(comma + 1)} ${name.slice(0, comma)}`)
        if (!byName.has(swapped)) byName.set(swapped, code)
        if (!byName.has(head)) byName.set(head, code)
      }
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) byName.set(normalise(name), code)
  return byName
}

export type CountryMatch = { code: string; known: boolean } | undefined

/**
 * An ISO 3166-1 alpha-2 code for a country given as alpha-2, alpha-3 or an English name ("Germany",
 * "United Kingdom", "Myanmar [Burma]"). A two-letter upper-case code that ISO does not assign (user-assigned
 * `XK` is assigned by the library) is returned unchanged with `known: false`, so no stored value is lost.
 */
export function countryCode(value: string): CountryMatch {
  const text = value.trim()
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase()
    if (countries.isValid(code)) return { code, known: true }
    return text === code ? { code, known: false } : undefined
  }
  if (/^[A-Za-z]{3}$/.test(text)) {
    const code = countries.alpha3ToAlpha2(text.toUpperCase())
    if (code) return { code, known: true }
  }
  const table = nameTable()
  const direct = table.get(normalise(text))
  if (direct) return { code: direct, known: true }
  // "Myanmar [Burma]", "Korea (South)": try the name outside and inside the brackets.
  const bracket = /^(.*?)[[(](.*)[\])]\s*$/.exec(text)
  if (bracket) {
    const code = table.get(normalise(bracket[1])) ?? table.get(normalise(bracket[2]))
    if (code) return { code, known: true }
  }
  return undefined
}
