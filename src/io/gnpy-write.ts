import { type EquipmentLibrary, type LineElement, type ModePenalties, PENALTY_IMPAIRMENTS, type PenaltyImpairment } from '../optical'

/**
 * silkway's designed lines written as GNPy documents (Telecominfraproject/oopt-gnpy d65865b8,
 * gnpy/tools/json_io.py): a topology (one Transceiver and one Roadm per node, each link's booster, fibres and
 * amplifiers per direction, `connections`) and an equipment file from the library. The equipment's Span block
 * sets `power_mode: false`, so GNPy keeps the exported `gain_target`s (silkway's design) instead of redesigning.
 * GNPy has no group index per fibre (it uses n = 1.468), so latency read back differs from silkway's by the ratio.
 */

export interface GnpyExportNode {
  id: string
  name: string
  latitude?: number
  longitude?: number
}

export interface GnpyExportLine {
  linkId: string
  from: string
  to: string
  /** The designed line from → to: ROADM, booster, fibre, amplifier, …, preamp, ROADM (silkway `designLink`). */
  elements: readonly LineElement[]
}

const PS_PER_NM_KM_TO_S_PER_M2 = 1e-6
const UM2_TO_M2 = 1e-12
const PS_PER_SQRT_KM_TO_S_PER_SQRT_M = 1e-12 / Math.sqrt(1000)

const location = (node: GnpyExportNode | undefined, city = true) => ({
  location: { ...(city && node ? { city: node.name } : {}), region: '', latitude: node?.latitude ?? 0, longitude: node?.longitude ?? 0 },
})

export const trxUid = (nodeId: string) => `trx ${nodeId}`
export const roadmUid = (nodeId: string) => `roadm ${nodeId}`

/** The topology document: elements and connections, deterministic order (nodes as given, then lines as given). */
export function writeGnpyTopology(nodes: readonly GnpyExportNode[], lines: readonly GnpyExportLine[]): { elements: unknown[]; connections: { from_node: string; to_node: string }[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const used = new Set(lines.flatMap((l) => [l.from, l.to]))
  const elements: unknown[] = []
  const connections: { from_node: string; to_node: string }[] = []
  for (const node of nodes) {
    if (!used.has(node.id)) continue
    elements.push({ uid: trxUid(node.id), type: 'Transceiver', metadata: location(node) })
    elements.push({ uid: roadmUid(node.id), type: 'Roadm', params: { restrictions: { preamp_variety_list: [], booster_variety_list: [] } }, metadata: location(node) })
    connections.push({ from_node: trxUid(node.id), to_node: roadmUid(node.id) }, { from_node: roadmUid(node.id), to_node: trxUid(node.id) })
  }
  for (const line of lines) {
    const here = byId.get(line.from)
    let previous = roadmUid(line.from)
    for (const element of line.elements) {
      if (element.kind === 'roadm') continue
      const uid = `${element.id} ${line.from}→${line.to}`
      if (element.kind === 'fiber') {
        elements.push({
          uid,
          type: 'Fiber',
          type_variety: element.fiberTypeId,
          params: {
            length: element.lengthKm,
            length_units: 'km',
            loss_coef: element.lossDbPerKm,
            con_in: element.connectorInDb,
            con_out: element.connectorOutDb,
            att_in: 0,
            dispersion: element.dispersionPsPerNmKm * PS_PER_NM_KM_TO_S_PER_M2,
            effective_area: element.effectiveAreaUm2 * UM2_TO_M2,
            pmd_coef: element.pmdPsPerSqrtKm * PS_PER_SQRT_KM_TO_S_PER_SQRT_M,
          },
          metadata: location(here, false),
        })
      } else {
        elements.push({ uid, type: 'Edfa', type_variety: element.amplifierTypeId, operational: { gain_target: element.gainDb, tilt_target: 0, out_voa: 0 }, metadata: location(here, false) })
      }
      connections.push({ from_node: previous, to_node: uid })
      previous = uid
    }
    connections.push({ from_node: previous, to_node: roadmUid(line.to) })
  }
  return { elements, connections }
}

/** The equipment document from a silkway library (SI from its spectrum, Span in gain mode, every amplifier, fibre, ROADM, transceiver). */
export function writeGnpyEquipment(library: EquipmentLibrary): Record<string, unknown[]> {
  const { spectrum, design } = library
  const edfa = library.amplifiers.map((a) => {
    const common = { type_variety: a.id, allowed_for_design: a.allowedForDesign, gain_min: a.gainMinDb, ...(a.gainFlatMaxDb !== undefined ? { gain_flatmax: a.gainFlatMaxDb } : {}), ...(a.pMaxDbm !== undefined ? { p_max: a.pMaxDbm } : {}) }
    if (a.kind === 'variable-gain') return { ...common, type_def: 'variable_gain', nf_min: a.nfMinDb, nf_max: a.nfMaxDb, out_voa_auto: false }
    if (a.kind === 'fixed-gain') return { ...common, type_def: 'fixed_gain', nf0: a.nf0Db }
    return { ...common, type_def: 'dual_stage', preamp_variety: a.preampId, booster_variety: a.boosterId, raman: a.raman === true }
  })
  return {
    Edfa: edfa,
    Fiber: library.fibers.map((f) => ({
      type_variety: f.id,
      dispersion: f.dispersionPsPerNmKm * PS_PER_NM_KM_TO_S_PER_M2,
      effective_area: f.effectiveAreaUm2 * UM2_TO_M2,
      pmd_coef: f.pmdPsPerSqrtKm * PS_PER_SQRT_KM_TO_S_PER_SQRT_M,
    })),
    Span: [
      {
        power_mode: false,
        delta_power_range_db: [design.deltaPowerMinDb.value, design.deltaPowerMaxDb.value, design.deltaPowerStepDb.value],
        span_loss_ref: design.spanLossRefDb.value,
        power_slope: design.powerSlope.value,
        max_fiber_lineic_loss_for_raman: 0.25,
        target_extended_gain: 2.5,
        max_length: 150,
        length_units: 'km',
        max_loss: design.maxSpanLossDb.value,
        padding: 0,
        EOL: 0,
        con_in: 0,
        con_out: 0,
      },
    ],
    Roadm: library.roadms.map((r) => ({
      ...(r.id === 'default' ? {} : { type_variety: r.id }),
      target_pch_out_db: r.targetPowerPerChannelDbm,
      add_drop_osnr: r.addDropOsnr01nmDb,
      pmd: r.pmdPs * 1e-12,
      pdl: r.pdlDb ?? 0,
      restrictions: { preamp_variety_list: [], booster_variety_list: [] },
    })),
    SI: [
      {
        f_min: spectrum.fMinThz * 1e12,
        f_max: spectrum.fMaxThz * 1e12,
        baud_rate: spectrum.baudRateGbaud * 1e9,
        spacing: spectrum.spacingGhz * 1e9,
        power_dbm: spectrum.powerPerChannelDbm,
        power_range_db: [0, 0, 1],
        roll_off: spectrum.rollOff,
        tx_osnr: spectrum.txOsnr01nmDb,
        sys_margins: design.systemMarginDb.value,
      },
    ],
    Transceiver: library.transceivers.map((t) => ({
      type_variety: t.id,
      frequency: { min: spectrum.fMinThz * 1e12, max: spectrum.fMaxThz * 1e12 },
      mode: t.modes.map((m) => ({
        format: m.id,
        baud_rate: m.baudRateGbaud * 1e9,
        OSNR: m.requiredOsnr01nmDb,
        bit_rate: m.bitRateGbps * 1e9,
        roll_off: m.rollOff,
        tx_osnr: m.txOsnr01nmDb,
        min_spacing: m.minSpacingGhz * 1e9,
        ...(m.penalties ? { penalties: gnpyPenalties(m.penalties) } : {}),
        cost: 1,
      })),
    })),
  }
}

/** GNPy's names of the penalty impairments (gnpy/tools/json_io.py `Transceiver`). */
export const GNPY_IMPAIRMENT: Record<PenaltyImpairment, string> = { chromaticDispersionPsPerNm: 'chromatic_dispersion', pmdPs: 'pmd', pdlDb: 'pdl' }

/** A mode's penalty tables as GNPy's list of `{impairment: value, penalty_value}` points (ps/nm, ps, dB as GNPy). */
function gnpyPenalties(penalties: ModePenalties): Record<string, number>[] {
  return PENALTY_IMPAIRMENTS.flatMap((impairment) => (penalties[impairment] ?? []).map((p) => ({ [GNPY_IMPAIRMENT[impairment]]: p.upTo, penalty_value: p.penaltyDb })))
}
