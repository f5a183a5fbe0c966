import Type from 'typebox'
import { SilkwayError } from '../model'
import { List, defineQuery, parsePairs } from '../query'
import {
  type AvailabilityQuery,
  AvailabilityQuerySchema,
  type Circle,
  type CutQuery,
  DIVERSITY,
  type DisjointQuery,
  DisjointQuerySchema,
  FAILURE_MODES,
  type FailureMode,
  type SweepQuery,
  SweepQuerySchema,
} from './schema'

/** The resilience questions' parameters as every surface names them, declared once (see src/query). */

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description })
const { from, to } = DisjointQuerySchema.properties

export const disjointQuery = defineQuery({
  name: 'disjoint',
  summary: 'k diverse paths of least total latency, and exactly what they share when they cannot be fully diverse',
  positional: ['from', 'to'],
  params: Type.Object(
    {
      from,
      to,
      k: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 2, description: 'number of paths' })),
      by: Type.Optional(Type.Enum([...DIVERSITY], { default: 'link', description: `what the paths may not share: ${DIVERSITY.join(' | ')}` })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): DisjointQuery => ({ from: p.from, to: p.to, k: p.k ?? 2, by: p.by ?? 'link' }),
})

const CIRCLE = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*([\d.]+)\s*$/

/** `LAT,LON,RADIUS_KM` → a circle, checked against the core's bounds by the cut itself. */
function parseCircle(text: string, label: string): Circle {
  const match = CIRCLE.exec(text)
  const parts = match ? match.slice(1).map(Number) : []
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) throw new SilkwayError('SW_INVALID_ARGUMENT', `${label}: '${text}' is not LAT,LON,RADIUS_KM`, { field: 'circle' })
  const [lat, lon, radiusKm] = parts
  return { lat, lon, radiusKm }
}

/** A cut must name something; `label` spells the fields as the caller's surface does. */
export function assertCutsSomething(spec: Pick<CutQuery, 'links' | 'srlgs' | 'countries' | 'circles'>, fields: readonly string[]): void {
  if (spec.links?.length || spec.srlgs?.length || spec.countries?.length || spec.circles?.length) return
  throw new SilkwayError('SW_INVALID_ARGUMENT', `say what to cut: ${fields.slice(0, -1).join(', ')} or ${fields[fields.length - 1]}`)
}

/**
 * The cut's parameters, one value per flag (`--circle 40.4,49.9,60`); the API's POST body is the core's
 * `CutQuery` itself, with circles as objects.
 */
export const cutQuery = defineQuery({
  name: 'cut',
  summary: 'what-if: cut links, shared-risk groups, countries or everything within a circle, and see every pair',
  params: Type.Object(
    {
      link: List(Id('link id'), 'link ids', '<ids...>', 10_000),
      srlg: List(Id('SRLG id'), 'shared-risk link groups: all their links', '<ids...>', 10_000),
      country: List(Type.String({ pattern: '^[A-Za-z]{2}$', 'x-expected': 'an ISO 3166-1 alpha-2 code (e.g. RU, IR)' }), 'every link touching these countries (ISO alpha-2)', '<codes...>', 300),
      circle: Type.Optional(
        Type.Array(Type.String({ minLength: 5, maxLength: 100 }), {
          maxItems: 100,
          description: 'every link passing within RADIUS_KM of LAT,LON (geometry, else great circle); repeat for several',
          'x-placeholder': '<lat,lon,km...>',
          'x-separator': 'none',
        }),
      ),
      pairs: Type.Optional(Type.String({ minLength: 3, maxLength: 100_000, description: 'only these pairs (default: all pairs of traffic nodes)', 'x-placeholder': '<A:B,...>' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p, label): CutQuery => {
    const query: CutQuery = {
      links: p.link ?? [],
      srlgs: p.srlg ?? [],
      countries: p.country ?? [],
      circles: (p.circle ?? []).map((c) => parseCircle(c, label('circle'))),
    }
    assertCutsSomething(query, ['link', 'srlg', 'country', 'circle'].map(label))
    if (p.pairs !== undefined) query.pairs = parsePairs(p.pairs)
    return query
  },
})

export const sweepQuery = defineQuery({
  name: 'sweep',
  summary: 'fail every link, every pair of links or every shared-risk group; rank them by what they break',
  params: Type.Object(
    {
      failures: Type.Enum([...FAILURE_MODES], { description: `${FAILURE_MODES.join(' | ')} (single links, link pairs, SRLGs)` }),
      top: Type.Optional(Type.Integer({ ...SweepQuerySchema.properties.top, description: 'show the N most critical' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): SweepQuery => ({ failures: p.failures as FailureMode, top: p.top ?? 20 }),
})

const { protection, samples, seed } = AvailabilityQuerySchema.properties

export const availabilityQuery = defineQuery({
  name: 'availability',
  summary: 'availability of a pair: unprotected, 1+1 over two diverse paths, or with restoration over the whole network',
  positional: ['from', 'to'],
  params: Type.Object({ from, to, protection, samples, seed }, { additionalProperties: false }),
  toQuery: (p): AvailabilityQuery => ({ from: p.from, to: p.to, protection: p.protection ?? 'none', samples: p.samples ?? 200_000, seed: p.seed ?? 1 }),
})
