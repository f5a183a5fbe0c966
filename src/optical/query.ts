import Type, { type Static } from 'typebox'
import { checkSchema, hasErrors, type ValidationIssue, type ValidationResult } from '../model'
import { designLink, type LineDesign } from './design'
import type { Equipment } from './equipment'
import { bestMode, joinLinks, modePlan, regenerationPlan } from './feasibility'
import { channelSnrs, receiverSummary, terminalOsnrs01nmDb } from './gsnr'
import { propagate } from './propagate'
import { channelComb } from './spectrum'
import { maxUnrepeateredLengthKm, UNREPEATERED_OPTIONS } from './unrepeatered'

/**
 * The optical layer's queries and answers: one declaration for the functions' types, a future CLI's --json,
 * the HTTP API and its OpenAPI document. Functions validate their query and return located issues.
 */

const Id = Type.String({ minLength: 1, maxLength: 200 })

export const LinkOpticsSchema = Type.Object(
  {
    id: Id,
    lengthKm: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }),
    kind: Type.Enum(['terrestrial', 'submarine']),
    unrepeatered: Type.Optional(Type.Boolean()),
    fiberTypeId: Type.Optional(Id),
    roadmTypeId: Type.Optional(Id),
    raman: Type.Optional(Type.Boolean({ description: 'The link declares distributed Raman: Raman hybrids may serve every site after a span' })),
    spans: Type.Optional(
      Type.Array(
        Type.Object(
          {
            lengthKm: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
            lossDb: Type.Optional(Type.Number({ minimum: 0, maximum: 200, description: 'Measured total span loss (OTDR), connectors and splices included' })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10_000 },
      ),
    ),
  },
  { additionalProperties: false },
)

export const OpticalPathQuerySchema = Type.Object(
  {
    links: Type.Array(LinkOpticsSchema, { minItems: 1, maxItems: 1000, description: 'The chain of links the path crosses, in order; each is a ROADM-to-ROADM line' }),
    transceiverId: Type.Optional(Id),
    modeId: Type.Optional(Type.String({ description: 'Evaluate this mode only (default: every mode, best chosen)' })),
  },
  { additionalProperties: false },
)

export const ModeMarginSchema = Type.Object({
  modeId: Type.String(),
  bitRateGbps: Type.Number(),
  baudRateGbaud: Type.Number(),
  requiredOsnr01nmDb: Type.Number(),
  worstGsnr01nmDb: Type.Number(),
  penalties: Type.Array(
    Type.Object({
      impairment: Type.Enum(['chromaticDispersionPsPerNm', 'pmdPs', 'pdlDb']),
      value: Type.Number({ description: 'Accumulated at the receiver, in the unit the impairment names' }),
      penaltyDb: Type.Union([Type.Number(), Type.Null()], { description: "Linear in the mode's table; null beyond it (the mode cannot run: GNPy's infinite penalty)" }),
    }),
    { description: "The mode's CD / PMD / PDL penalties (empty when the library gives the mode no tables)" },
  ),
  penaltyDb: Type.Number({ description: 'Sum of the finite penalties' }),
  marginDb: Type.Number({ description: 'Worst channel GSNR (0.1 nm) − penalties − required OSNR − system margin' }),
  feasible: Type.Boolean({ description: 'margin ≥ 0 and every impairment within its table' }),
})

const SpanSchema = Type.Object({
  index: Type.Integer(),
  lengthKm: Type.Number(),
  lossDb: Type.Number(),
  lossFrom: Type.Enum(['declared', 'computed']),
  launchPerChannelDbm: Type.Number(),
  amplifierTypeId: Type.Union([Type.String(), Type.Null()]),
  gainDb: Type.Number(),
  nfDb: Type.Union([Type.Number(), Type.Null()]),
  amplifierRule: Type.String({ description: 'The amplifier-family rule that chose the amplifier (design.amplifierFamilies), and whether its fallback was needed' }),
})

export const LinkDesignAnswerSchema = Type.Object({
  linkId: Type.String(),
  spans: Type.Array(SpanSchema),
  assumptions: Type.Array(Type.String()),
  unserved: Type.Array(Type.Object({ elementId: Type.String(), gainNeededDb: Type.Number(), reason: Type.String() })),
})

const ElementReportSchema = Type.Object({
  kind: Type.Enum(['fiber', 'amplifier', 'roadm']),
  id: Type.String(),
  lossDb: Type.Optional(Type.Number()),
  gainDb: Type.Optional(Type.Number()),
  nfDb: Type.Optional(Type.Number()),
  saturated: Type.Optional(Type.Boolean()),
  powerInPerChannelDbm: Type.Number(),
  powerOutPerChannelDbm: Type.Number(),
  powerOutTotalDbm: Type.Number(),
  aseAddedW: Type.Optional(Type.Number()),
  nliAddedW: Type.Optional(Type.Number()),
  osnrAse01nmDb: Type.Union([Type.Number(), Type.Null()], { description: 'Cumulative, centre channel, line only; null while no noise has been added' }),
  gsnr01nmDb: Type.Union([Type.Number(), Type.Null()]),
})

export const OpticalPathAnswerSchema = Type.Object({
  transceiverId: Type.String(),
  designed: Type.Boolean({ description: 'Every amplifier site found an amplifier; when false the figures are not computed' }),
  links: Type.Array(LinkDesignAnswerSchema),
  endToEnd: Type.Union([
    Type.Object({
      modeId: Type.String({ description: 'The mode whose channel plan the figures are for (the best, else the first)' }),
      gsnr01nmDb: Type.Number(),
      gsnrSignalBandwidthDb: Type.Number(),
      osnrAse01nmDb: Type.Number(),
      osnrAseSignalBandwidthDb: Type.Number(),
      worstGsnr01nmDb: Type.Number(),
      cdPsPerNm: Type.Number(),
      pmdPs: Type.Number(),
      pdlDb: Type.Number({ description: 'Polarisation-dependent loss, √Σ PDL² over the ROADMs crossed' }),
      latencyMs: Type.Number(),
      elements: Type.Array(ElementReportSchema),
      channels: Type.Array(
        Type.Object({
          frequencyThz: Type.Number(),
          gsnr01nmDb: Type.Number(),
          gsnrSignalBandwidthDb: Type.Number(),
          osnrAse01nmDb: Type.Number(),
          osnrAseSignalBandwidthDb: Type.Number(),
          snrNli01nmDb: Type.Number(),
        }),
        { description: 'Every channel at the receiver, terminal contributions included' },
      ),
    }),
    Type.Null(),
  ]),
  modes: Type.Array(ModeMarginSchema),
  bestMode: Type.Union([ModeMarginSchema, Type.Null()]),
  regeneration: Type.Union([
    Type.Object({
      modeId: Type.String(),
      regeneratorsAfterLink: Type.Array(Type.Integer()),
      blockedAtLink: Type.Union([Type.Integer(), Type.Null()]),
      method: Type.Literal('greedy-farthest-reach'),
    }),
    Type.Null(),
  ], { description: 'When no mode closes end to end (or the asked mode does not): where to regenerate for the highest-rate mode that each link can carry' }),
})

export const UnrepeateredQuerySchema = Type.Object(
  {
    fiberTypeId: Id,
    option: Type.Enum([...UNREPEATERED_OPTIONS]),
    transceiverId: Type.Optional(Id),
    modeId: Id,
  },
  { additionalProperties: false },
)

export const UnrepeateredAnswerSchema = Type.Object({
  maxLengthKm: Type.Number(),
  margin: Type.Union([ModeMarginSchema, Type.Null()]),
  launchPerChannelDbm: Type.Union([Type.Number(), Type.Null()]),
  assumptions: Type.Array(Type.String()),
})

export type OpticalPathQuery = Static<typeof OpticalPathQuerySchema>
export type OpticalPathAnswer = Static<typeof OpticalPathAnswerSchema>
export type UnrepeateredQueryDocument = Static<typeof UnrepeateredQuerySchema>

function referenceIssues(query: OpticalPathQuery, equipment: Equipment): ValidationIssue[] {
  const { library } = equipment
  const issues: ValidationIssue[] = []
  const bad = (path: string, message: string) => issues.push({ path, code: 'unknown-reference', message, severity: 'error' })
  query.links.forEach((link, i) => {
    if (link.fiberTypeId !== undefined && !library.fibers.some((f) => f.id === link.fiberTypeId)) bad(`links[${i}].fiberTypeId`, `no fibre type '${link.fiberTypeId}' in the equipment library`)
    if (link.roadmTypeId !== undefined && !library.roadms.some((r) => r.id === link.roadmTypeId)) bad(`links[${i}].roadmTypeId`, `no ROADM type '${link.roadmTypeId}' in the equipment library`)
  })
  const transceiver = library.transceivers.find((t) => t.id === (query.transceiverId ?? library.transceivers[0].id))
  if (!transceiver) bad('transceiverId', `no transceiver '${query.transceiverId}' in the equipment library`)
  else if (query.modeId !== undefined && !transceiver.modes.some((m) => m.id === query.modeId)) bad('modeId', `transceiver '${transceiver.id}' has no mode '${query.modeId}'`)
  return issues
}

/**
 * Designs each link of a chain, propagates the whole transparent path, and answers which mode closes with
 * which margin; when none does, where to regenerate (greedy, see `regenerationPlan`). A line that does not
 * close is an answer, not an issue; bad input returns located issues.
 */
export function opticalPath(query: unknown, equipment: Equipment): ValidationResult<OpticalPathAnswer> {
  const issues = checkSchema(OpticalPathQuerySchema, query)
  if (hasErrors(issues)) return { issues }
  const q = query as OpticalPathQuery
  issues.push(...referenceIssues(q, equipment))
  if (hasErrors(issues)) return { issues }
  const { library } = equipment
  const transceiver = library.transceivers.find((t) => t.id === (q.transceiverId ?? library.transceivers[0].id))!
  const modes = q.modeId === undefined ? transceiver.modes : transceiver.modes.filter((m) => m.id === q.modeId)
  const designs: LineDesign[] = q.links.map((link) => designLink(link, equipment))
  const links = designs.map(({ linkId, spans, assumptions, unserved }) => ({ linkId, spans, assumptions, unserved }))
  const designed = designs.every((d) => d.unserved.length === 0)
  if (!designed) return { value: { transceiverId: transceiver.id, designed, links, endToEnd: null, modes: [], bestMode: null, regeneration: null }, issues }

  const path = joinLinks(designs.map((d) => d.elements))
  const { margins, best } = bestMode(path, { ...transceiver, modes }, equipment)
  const shown = modes.find((m) => m.id === best?.modeId) ?? modes[0]
  const propagation = propagate(path, channelComb(modePlan(library.spectrum, shown)), library.spectrum.powerPerChannelDbm)
  const terminals = terminalOsnrs01nmDb(path, shown.txOsnr01nmDb)
  const summary = receiverSummary(propagation, terminals)
  let regeneration: OpticalPathAnswer['regeneration'] = null
  if (best === null) {
    // The highest-rate mode every single link can carry alone, then the fewest regenerators for it.
    const perLink = designs.map((d) => bestMode(d.elements, { ...transceiver, modes }, equipment).best)
    const candidates = modes.filter((m) => perLink.every((b) => b !== null && b.bitRateGbps >= m.bitRateGbps)).sort((a, b) => b.bitRateGbps - a.bitRateGbps)
    const mode = candidates[0] ?? modes.slice().sort((a, b) => a.bitRateGbps - b.bitRateGbps)[0]
    const plan = regenerationPlan(designs.map((d) => d.elements), mode, equipment)
    regeneration = { modeId: mode.id, regeneratorsAfterLink: plan.regeneratorsAfterLink, blockedAtLink: plan.blockedAtLink, method: 'greedy-farthest-reach' }
  }
  return {
    value: {
      transceiverId: transceiver.id,
      designed,
      links,
      endToEnd: { modeId: shown.id, ...summary, elements: propagation.elements, channels: channelSnrs(propagation, terminals) },
      modes: margins,
      bestMode: best,
      regeneration,
    },
    issues,
  }
}

/** The unrepeatered-span question as a query: validated, ids resolved, then `maxUnrepeateredLengthKm`. */
export function unrepeateredReach(query: unknown, equipment: Equipment): ValidationResult<Static<typeof UnrepeateredAnswerSchema>> {
  const issues = checkSchema(UnrepeateredQuerySchema, query)
  if (hasErrors(issues)) return { issues }
  const q = query as UnrepeateredQueryDocument
  const { library } = equipment
  if (!library.fibers.some((f) => f.id === q.fiberTypeId)) issues.push({ path: 'fiberTypeId', code: 'unknown-reference', message: `no fibre type '${q.fiberTypeId}' in the equipment library`, severity: 'error' })
  const transceiver = library.transceivers.find((t) => t.id === (q.transceiverId ?? library.transceivers[0].id))
  const mode = transceiver?.modes.find((m) => m.id === q.modeId)
  if (!transceiver) issues.push({ path: 'transceiverId', code: 'unknown-reference', message: `no transceiver '${q.transceiverId}'`, severity: 'error' })
  else if (!mode) issues.push({ path: 'modeId', code: 'unknown-reference', message: `transceiver '${transceiver.id}' has no mode '${q.modeId}'`, severity: 'error' })
  if (hasErrors(issues) || !mode) return { issues }
  return { value: maxUnrepeateredLengthKm({ fiberTypeId: q.fiberTypeId, option: q.option, mode }, equipment), issues }
}
