// fast-check generators of valid silkway networks for the io property tests; test-only (fast-check is a
// dev dependency), so nothing outside tests imports this file.
import fc from 'fast-check'
import { LINK_KINDS, LINK_STATUSES, NETWORK_SCHEMA_VERSION, type Network, NODE_KINDS, YEAR_MAX, YEAR_MIN } from '../model'

/** Strings that trip serialisers: markup, quotes, whitespace at the ends, CR/LF, controls, other scripts. */
const AWKWARD = [
  '&amp; <b>"x"</b> \'y\'',
  ' leading and trailing ',
  'line\r\nbreak\rcr\nlf\ttab',
  'Şəki – Ağstafa',
  'Актау',
  '東京 🛰️',
  'ctl\u0001\u001f',
  ']]> --> <!--',
  '{"not": "json"}',
  '[1, 2]',
  'a, b, c',
  '__proto__',
  'None',
  '0',
  'nul\u0000 esc\u001b del\u007f',
  'lone \uD800 and \uDFFF, pair \uD83D\uDE80',
  'non-characters \uFFFE\uFFFF',
  'literal \\u0041 and \\u005C and \\\\u0001 and \\',
]

/**
 * Any UTF-16 code unit, weighted towards the ones formats cannot carry as they are: C0 controls, surrogates
 * (alone or paired), U+FFFE/U+FFFF, and the backslash and `u` of an escape.
 */
const codeUnit = fc
  .oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.constantFrom(0x5c, 0x75, 0x30, 0x41, 0xfffe, 0xffff, 0x7f, 0x85, 0x2028),
    fc.integer({ min: 0x20, max: 0xffff }),
  )
  .map((code) => String.fromCharCode(code))

/** Strings of any code units: what a user's name, note or metadata may hold. */
export const anyString = (options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> =>
  fc.string({ unit: codeUnit, minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 16 })

export const awkwardText = (options: { minLength?: number } = {}): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: options.minLength ?? 0, maxLength: 16 }) },
    { weight: 1, arbitrary: fc.constantFrom(...AWKWARD) },
    { weight: 1, arbitrary: anyString(options) },
  )

const id = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), awkwardText({ minLength: 1 })).filter((text) => text.length <= 200)
const label = awkwardText({ minLength: 1 }).filter((text) => text.length <= 200)
const nonEmpty = awkwardText({ minLength: 1 })
const countries = fc.constantFrom('AZ', 'KZ', 'GE', 'TM', 'TR', 'UZ', 'CN', 'RU', 'IR', 'DE', 'XK')
const lat = fc.double({ min: -90, max: 90, noNaN: true })
const lon = fc.double({ min: -180, max: 180, noNaN: true })
const position = fc.tuple(lon, lat)
const assumptions = fc.array(fc.record({ field: nonEmpty, note: nonEmpty }), { maxLength: 2 })

function subset(ids: string[]): fc.Arbitrary<string[]> {
  return ids.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 })
}

const sourceList = fc.uniqueArray(
  fc.record(
    { id, title: nonEmpty, url: fc.webUrl(), publisher: awkwardText(), date: fc.constantFrom('2021', '2022-10', '2023-10-23'), note: awkwardText() },
    { requiredKeys: ['id', 'title'] },
  ),
  { selector: (source) => source.id, maxLength: 3 },
)

/** A valid network: unique ids, links between distinct existing nodes, references that resolve. */
export function networkArbitrary(options: { maxNodes?: number; maxLinks?: number } = {}): fc.Arbitrary<Network> {
  const maxLinks = options.maxLinks ?? 8
  return fc
    .record({
      sources: sourceList,
      srlgIds: fc.uniqueArray(id, { maxLength: 3 }),
      nodeIds: fc.uniqueArray(id, { minLength: 0, maxLength: options.maxNodes ?? 6 }),
    })
    .chain(({ sources, srlgIds, nodeIds }) => {
      const sourceIds = sources.map((source) => source.id)
      const located = fc.option(fc.record({ lat, lon }), { nil: undefined })
      const node = (nodeId: string) =>
        fc
          .tuple(
            fc.record(
              {
                name: label,
                kind: fc.constantFrom(...NODE_KINDS),
                country: countries,
                operators: fc.array(nonEmpty, { maxLength: 3 }),
                sources: subset(sourceIds),
                notes: awkwardText(),
                assumptions,
              },
              { requiredKeys: ['name', 'kind'] },
            ),
            located,
          )
          .map(([fields, at]) => ({ id: nodeId, ...fields, ...(at ?? {}) }))
      const endpoints =
        nodeIds.length < 2
          ? fc.constant([] as Array<[string, string]>)
          : fc.array(
              fc
                .tuple(fc.constantFrom(...nodeIds), fc.constantFrom(...nodeIds))
                .filter(([a, b]) => a !== b),
              { maxLength: maxLinks },
            )
      return fc.record({
        base: fc.record(
          {
            name: awkwardText(),
            description: awkwardText(),
            metadata: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), anyString({ maxLength: 8 })), fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyString()), { maxKeys: 4 }),
          },
          { requiredKeys: [] },
        ),
        nodes: fc.tuple(...nodeIds.map(node)).map((list): Network['nodes'] => [...list]),
        ends: endpoints,
        linkIds: fc.uniqueArray(id, { minLength: maxLinks, maxLength: maxLinks }),
        srlgs: fc.tuple(
          ...srlgIds.map((srlgId) =>
            fc.record(
              {
                id: fc.constant(srlgId),
                name: awkwardText(),
                kind: fc.constantFrom('conduit', 'sea-corridor', 'landing-station', 'right-of-way', 'other' as const),
                description: awkwardText(),
                sources: subset(sourceIds),
              },
              { requiredKeys: ['id'] },
            ),
          ),
        ),
        linkFields: fc.array(
          fc.record(
            {
              name: awkwardText(),
              kind: fc.constantFrom(...LINK_KINDS),
              repeatered: fc.boolean(),
              geometry: fc.array(position, { minLength: 2, maxLength: 5 }).map((coordinates) => ({ type: 'LineString' as const, coordinates })),
              lengthKm: fc.double({ min: 0.001, max: 100000, noNaN: true }),
              operators: fc.array(nonEmpty, { maxLength: 3 }),
              status: fc.constantFrom(...LINK_STATUSES),
              readyForServiceYear: fc.integer({ min: YEAR_MIN, max: YEAR_MAX }),
              fiberPairs: fc.integer({ min: 1, max: 10000 }),
              wavelengthsPerPair: fc.integer({ min: 1, max: 10000 }),
              wavelengthGbps: fc.double({ min: 0.001, max: 100000, noNaN: true }),
              designCapacityGbps: fc.double({ min: 0, max: 1e6, noNaN: true }),
              litCapacityGbps: fc.double({ min: 0, max: 1e6, noNaN: true }),
              countries: fc.uniqueArray(countries, { maxLength: 3 }),
              srlgs: subset(srlgIds),
              sources: subset(sourceIds),
              notes: awkwardText(),
              assumptions,
            },
            { requiredKeys: ['kind'] },
          ),
          { minLength: maxLinks, maxLength: maxLinks },
        ),
      }).map(({ base, nodes, ends, linkIds, srlgs, linkFields }) => {
        const network: Network = {
          schemaVersion: NETWORK_SCHEMA_VERSION,
          ...base,
          ...(sources.length > 0 ? { sources } : {}),
          nodes,
          links: ends.map(([a, b], k) => ({ id: linkIds[k], a, b, ...linkFields[k] })),
          ...(srlgs.length > 0 ? { srlgs } : {}),
        }
        return network
      })
    })
}
