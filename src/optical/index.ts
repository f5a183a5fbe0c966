export * from './schema'
export type { FiberElement, AmplifierElement, RoadmElement, LineElement } from './line'
export { LineElementSchema } from './line'
export { noiseFigureDb, noiseModel, variableGainCoils, NoiseModelError, type NoiseModel } from './amplifier'
export { validateEquipment, type Equipment } from './equipment'
export { gnEtaMatrix, spanNliW, type Comb } from './nli'
export { channelComb, channelCount, type ChannelPlan } from './spectrum'
export { propagate, snrDb, type Propagation, type ElementReport } from './propagate'
export { channelSnrs, combineOsnr01nmDb, receiverSummary, terminalOsnrs01nmDb, type ChannelSnr, type ReceiverSummary } from './gsnr'
export { designLink, launchDeviationDb, selectAmplifier, type LinkOptics, type LineDesign, type DesignedSpan, type UnservedSite } from './design'
export { bestMode, joinLinks, marginOf, modeMargin, modePlan, regenerationPlan, type ModeMargin, type RegenerationPlan } from './feasibility'
export { optimumLaunchPower } from './launch'
export { selectEdfa, type EdfaCandidate, type EdfaChoice } from './select'
export { interpolatePenaltyDb, modePenalties, normalisedTable, PENALTY_IMPAIRMENTS, type PenaltyImpairment, type PenaltyRow, type PenaltyFigures } from './penalties'
export { maxUnrepeateredLengthKm, unrepeateredLine, unrepeateredMargin, unrepeateredAssumptions, UNREPEATERED_OPTIONS, type UnrepeateredOption, type UnrepeateredQuery, type UnrepeateredAnswer } from './unrepeatered'
export { builtinEquipment } from './builtin'
export { networkLinkOptics } from './network'
export {
  opticalPath,
  unrepeateredReach,
  LinkOpticsSchema,
  OpticalPathQuerySchema,
  OpticalPathAnswerSchema,
  LinkDesignAnswerSchema,
  UnrepeateredQuerySchema,
  UnrepeateredAnswerSchema,
  type OpticalPathQuery,
  type OpticalPathAnswer,
} from './query'
export {
  opticalRoute,
  opticalSpan,
  opticalReach,
  opticalLinkRates,
  linkReach,
  withLaunchPower,
  lineFigures,
  designedNetwork,
  type DesignedNetwork,
  type LineFiguresQuery,
  OpticalRouteAnswerSchema,
  OpticalSpanAnswerSchema,
  OpticalReachAnswerSchema,
  type OpticalRouteQuery,
  type OpticalRouteAnswer,
  type OpticalSpanQuery,
  type OpticalSpanAnswer,
  type OpticalReachQuery,
  type OpticalReachAnswer,
} from './corridor'
export { opticalPathQuery, opticalSpanQuery, opticalReachQuery, opticalExportQuery, type OpticalExportQuery } from './params'
