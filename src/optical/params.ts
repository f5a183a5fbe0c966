import Type from 'typebox'
import { SilkwayError } from '../model'
import { List, defineQuery, parsePairs } from '../query'
import { ConstraintParams, MetricParam, constraintsFromParams, type Metric } from '../routing'
import type { OpticalReachQuery, OpticalRouteQuery, OpticalSpanQuery } from './corridor'

/**
 * The optical questions' parameters as every surface names them (`silkway optical path|span|reach`, the
 * `/api/v1/optical/*` querystrings, OpenAPI), declared once; `toQuery` maps them onto the domain's queries.
 */

const Text = (description: string) => Type.String({ minLength: 1, maxLength: 200, description })
const transceiver = Type.Optional(Text("transceiver type of the equipment library (default: the library's first)"))

export const opticalPathQuery = defineQuery({
  name: 'path',
  summary: "GSNR, CD, PMD and latency end to end along the best route, each mode's margin, and regenerators where none closes",
  positional: ['from', 'to'],
  params: Type.Object(
    {
      from: Text('node id or name'),
      to: Text('node id or name'),
      mode: Type.Optional(Text('evaluate this transceiver mode only (default: every mode, the best chosen)')),
      transceiver,
      powerDbm: Type.Optional(Type.Number({ minimum: -20, maximum: 20, description: "reference launch power per channel, dBm (default: the library's SI power)" })),
      optimisePower: Type.Optional(Type.Boolean({ description: "sweep the reference launch power over the library's range and keep the best" })),
      metric: MetricParam,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p, label): OpticalRouteQuery => {
    if (p.powerDbm !== undefined && p.optimisePower) throw new SilkwayError('SW_INVALID_ARGUMENT', `${label('powerDbm')} and ${label('optimisePower')} exclude each other`, { field: 'powerDbm' })
    return {
      from: p.from,
      to: p.to,
      metric: (p.metric ?? 'latency') as Metric,
      constraints: constraintsFromParams(p),
      ...(p.transceiver !== undefined ? { transceiverId: p.transceiver } : {}),
      ...(p.mode !== undefined ? { modeId: p.mode } : {}),
      ...(p.powerDbm !== undefined ? { powerPerChannelDbm: p.powerDbm } : {}),
      ...(p.optimisePower ? { optimisePower: true } : {}),
    }
  },
})

export const opticalSpanQuery = defineQuery({
  name: 'span',
  summary: "one link's line design (spans, amplifiers, assumptions), its margin per mode, and the unrepeatered options",
  positional: ['link'],
  params: Type.Object(
    {
      link: Text('link id'),
      transceiver,
      maxReach: Type.Optional(Type.Boolean({ description: 'also the longest unrepeatered span each mode closes, per fibre and option (bisection: seconds)' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): OpticalSpanQuery => ({ link: p.link, ...(p.transceiver !== undefined ? { transceiverId: p.transceiver } : {}), ...(p.maxReach ? { maxReach: true } : {}) }),
})

export const opticalReachQuery = defineQuery({
  name: 'reach',
  summary: 'the highest rate a wavelength carries on each link, and on the best route of each pair, with regenerators',
  params: Type.Object(
    {
      link: List(Text('link id'), 'only these links (default: every link)', '<ids...>', 10_000),
      pairs: Type.Optional(Type.String({ minLength: 3, maxLength: 10_000, description: 'FROM:TO pairs, comma separated: the best route of each, transparent or regenerated', 'x-placeholder': '<pairs>' })),
      transceiver,
      metric: MetricParam,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  ),
  toQuery: (p): OpticalReachQuery => ({
    ...(p.transceiver !== undefined ? { transceiverId: p.transceiver } : {}),
    ...(p.link?.length ? { links: p.link } : {}),
    ...(p.pairs !== undefined ? { pairs: parsePairs(p.pairs) } : {}),
    metric: (p.metric ?? 'latency') as Metric,
    constraints: constraintsFromParams(p),
  }),
})

export const EXPORT_PARTS = ['topology', 'equipment'] as const

export interface OpticalExportQuery {
  links?: string[]
  part: (typeof EXPORT_PARTS)[number]
}

export const opticalExportQuery = defineQuery({
  name: 'export',
  summary: "the designed network as GNPy documents: its topology JSON (default) or the equipment JSON of silkway's library",
  params: Type.Object(
    {
      link: List(Text('link id'), 'only these links (default: every link)', '<ids...>', 10_000),
      part: Type.Optional(Type.Enum([...EXPORT_PARTS], { default: 'topology', description: 'topology: elements and connections; equipment: Edfa, Fiber, Span, Roadm, SI, Transceiver' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): OpticalExportQuery => ({ ...(p.link?.length ? { links: p.link } : {}), part: (p.part ?? 'topology') as OpticalExportQuery['part'] }),
})
