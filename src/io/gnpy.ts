import { type ValidationIssue, hasErrors, linearToDb } from '../model'
import { type AmplifierElement, type AmplifierType, type FiberElement, type LineElement, type ModePenalties, type PenaltyPoint, type RoadmElement, type TransceiverMode, channelCount, type EdfaCandidate, type EdfaChoice, noiseModel, NoiseModelError, PENALTY_IMPAIRMENTS, selectEdfa } from '../optical'
import { GNPY_IMPAIRMENT } from './gnpy-write'

/**
 * GNPy's documents (Telecominfraproject/oopt-gnpy, d65865b8: gnpy/tools/json_io.py) read into silkway's line
 * elements: a topology (`elements` Transceiver / Roadm / Fiber / Edfa / Fused with `params`, `operational`,
 * `metadata.location`; `connections`) and an equipment file (`Edfa`, `Fiber`, `Span`, `Roadm`, `SI`,
 * `Transceiver`). Pure: parsed JSON in, elements and located issues out (`elements[3].type_variety`).
 * Amplifier gains follow GNPy's design (gnpy/core/network.py `compute_gain_power_and_tilt_target`): in power mode
 * gain = loss since the previous amplifier + Δp(next span) − Δp(previous); in gain mode the file's gain_target.
 * What GNPy's auto-design adds (missing amplifiers, split fibres, amplifier choice) is not done: each is an issue.
 */

export const GNPY_ELEMENT_TYPES = ['Transceiver', 'Roadm', 'Fiber', 'Edfa', 'Fused'] as const
type GnpyType = (typeof GNPY_ELEMENT_TYPES)[number]

/** GNPy's constants where the equipment file leaves them out (gnpy/core/parameters.py, gnpy/tools/json_io.py @ d65865b8). */
const GNPY_DEFAULTS = {
  n2M2PerW: 2.6e-20,
  groupIndex: 1.468,
  spanLossRefDb: 20,
  powerSlope: 0.3,
  targetExtendedGainDb: 2.5,
  maxFiberLineicLossForRamanDbPerKm: 0.25,
  maxLengthKm: 150,
  paddingDb: 10,
  fusedLossDb: 1,
} as const

export interface GnpySpectrum {
  fMinThz: number
  fMaxThz: number
  spacingGhz: number
  baudRateGbaud: number
  rollOff: number
  powerPerChannelDbm: number
  txOsnr01nmDb: number
  systemMarginDb: number
}

export interface GnpyEquipment {
  amplifiers: Map<string, AmplifierType>
  /** Where each amplifier type is in the file, for messages. */
  amplifierPaths: Map<string, string>
  /** Amplifiers of a type silkway does not model that the file allows for design (auto-design says it leaves them out). */
  allowedUnmodelled: Set<string>
  fibers: Map<string, { dispersionPsPerNmKm: number; effectiveAreaUm2: number; pmdPsPerSqrtKm: number }>
  span: { powerMode: boolean; deltaPowerRangeDb: [number, number, number]; spanLossRefDb: number; powerSlope: number; eolDb: number; conInDb: number; conOutDb: number; targetExtendedGainDb: number; maxFiberLineicLossForRamanDbPerKm: number; maxLengthKm: number; paddingDb: number }
  roadms: Map<string, { targetPowerPerChannelDbm: number; addDropOsnr01nmDb: number; pmdPs: number; pdlDb: number }>
  spectrum: GnpySpectrum
  transceivers: { id: string; modes: TransceiverMode[] }[]
}

export interface GnpyElement {
  uid: string
  /** Added by the auto-design (GNPy's add_missing_elements_in_network), not in the file. */
  added?: boolean
  type: GnpyType
  typeVariety?: string
  params: Record<string, unknown>
  operational: Record<string, unknown>
  city?: string
  latitude?: number
  longitude?: number
  path: string
}

export interface GnpyTopology {
  elements: GnpyElement[]
  next: Map<string, string[]>
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const err = (path: string, code: string, message: string): ValidationIssue => ({ path, code, message, severity: 'error' })

function numberAt(obj: Obj, key: string, path: string, issues: ValidationIssue[], fallback?: number): number {
  const v = obj[key]
  if (v === undefined && fallback !== undefined) return fallback
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push(err(`${path}.${key}`, v === undefined ? 'required' : 'not-a-number', v === undefined ? `${key} is missing` : `${key} must be a number`))
    return Number.NaN
  }
  return v
}

function listAt(doc: Obj, key: string, path: string, issues: ValidationIssue[], required = true): Obj[] {
  const v = doc[key]
  if (v === undefined && !required) return []
  if (!Array.isArray(v)) {
    issues.push(err(`${path}${key}`, 'required', `${key} must be a list`))
    return []
  }
  return v.filter((item, i) => {
    if (isObj(item)) return true
    issues.push(err(`${path}${key}[${i}]`, 'not-an-object', 'must be an object'))
    return false
  })
}

const variety = (o: Obj) => (typeof o.type_variety === 'string' ? o.type_variety : 'default')

/** GNPy's equipment JSON, SI units as GNPy writes them (Hz, s/m², m², s/√m), into silkway units. */
export function readGnpyEquipment(document: unknown): { value?: GnpyEquipment; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  if (!isObj(document)) return { issues: [err('', 'not-an-object', 'a GNPy equipment file is a JSON object with Edfa, Fiber, Span, Roadm, SI, Transceiver')] }
  const amplifiers = new Map<string, AmplifierType>()
  const amplifierPaths = new Map<string, string>()
  const allowedUnmodelled = new Set<string>()
  listAt(document, 'Edfa', '', issues).forEach((e, i) => {
    const path = `Edfa[${i}]`
    const id = variety(e)
    amplifierPaths.set(id, path)
    const base = { id, gainMinDb: numberAt(e, 'gain_min', path, issues, 0), allowedForDesign: e.allowed_for_design === true, ...(e.raman === true ? { raman: true } : {}), source: `GNPy equipment ${path}` }
    const pMax = typeof e.p_max === 'number' ? { pMaxDbm: e.p_max } : {}
    const flat = typeof e.gain_flatmax === 'number' ? { gainFlatMaxDb: e.gain_flatmax } : {}
    switch (e.type_def) {
      case 'variable_gain':
        amplifiers.set(id, { ...base, kind: 'variable-gain', ...flat, ...pMax, nfMinDb: numberAt(e, 'nf_min', path, issues), nfMaxDb: numberAt(e, 'nf_max', path, issues) })
        break
      case 'fixed_gain':
        amplifiers.set(id, { ...base, kind: 'fixed-gain', ...flat, ...pMax, nf0Db: numberAt(e, 'nf0', path, issues) })
        break
      case 'dual_stage':
        if (typeof e.preamp_variety !== 'string' || typeof e.booster_variety !== 'string') issues.push(err(path, 'required', 'a dual_stage amplifier names preamp_variety and booster_variety'))
        else amplifiers.set(id, { ...base, kind: 'dual-stage', ...flat, preampId: e.preamp_variety, boosterId: e.booster_variety })
        break
      default:
        // advanced_model, openroadm, multi_band: a type silkway does not model. Only an issue if the path uses it.
        if (e.allowed_for_design === true) allowedUnmodelled.add(id)
        break
    }
  })
  const fibers = new Map<string, { dispersionPsPerNmKm: number; effectiveAreaUm2: number; pmdPsPerSqrtKm: number }>()
  listAt(document, 'Fiber', '', issues).forEach((f, i) => {
    const path = `Fiber[${i}]`
    // 1 s/m² = 1e6 ps/(nm·km); 1 m² = 1e12 µm²; 1 s/√m = 1e12·√1000 ps/√km.
    fibers.set(variety(f), {
      dispersionPsPerNmKm: numberAt(f, 'dispersion', path, issues) * 1e6,
      effectiveAreaUm2: numberAt(f, 'effective_area', path, issues) * 1e12,
      pmdPsPerSqrtKm: numberAt(f, 'pmd_coef', path, issues, 0) * 1e12 * Math.sqrt(1000),
    })
  })
  const spanDoc = listAt(document, 'Span', '', issues)[0] ?? {}
  const range = Array.isArray(spanDoc.delta_power_range_db) && spanDoc.delta_power_range_db.length === 3 && spanDoc.delta_power_range_db.every((x) => typeof x === 'number')
  const span = {
    powerMode: spanDoc.power_mode !== false,
    deltaPowerRangeDb: (range ? spanDoc.delta_power_range_db : [0, 0, 0.5]) as [number, number, number],
    spanLossRefDb: numberAt(spanDoc, 'span_loss_ref', 'Span[0]', issues, GNPY_DEFAULTS.spanLossRefDb),
    powerSlope: numberAt(spanDoc, 'power_slope', 'Span[0]', issues, GNPY_DEFAULTS.powerSlope),
    eolDb: numberAt(spanDoc, 'EOL', 'Span[0]', issues, 0),
    conInDb: numberAt(spanDoc, 'con_in', 'Span[0]', issues, 0),
    conOutDb: numberAt(spanDoc, 'con_out', 'Span[0]', issues, 0),
    targetExtendedGainDb: numberAt(spanDoc, 'target_extended_gain', 'Span[0]', issues, GNPY_DEFAULTS.targetExtendedGainDb),
    paddingDb: numberAt(spanDoc, 'padding', 'Span[0]', issues, GNPY_DEFAULTS.paddingDb),
    maxLengthKm: (spanDoc.length_units === 'm' ? 1e-3 : 1) * numberAt(spanDoc, 'max_length', 'Span[0]', issues, GNPY_DEFAULTS.maxLengthKm),
    maxFiberLineicLossForRamanDbPerKm: numberAt(spanDoc, 'max_fiber_lineic_loss_for_raman', 'Span[0]', issues, GNPY_DEFAULTS.maxFiberLineicLossForRamanDbPerKm),
  }
  const roadms = new Map<string, { targetPowerPerChannelDbm: number; addDropOsnr01nmDb: number; pmdPs: number; pdlDb: number }>()
  listAt(document, 'Roadm', '', issues).forEach((r, i) => {
    const path = `Roadm[${i}]`
    roadms.set(variety(r), {
      targetPowerPerChannelDbm: numberAt(r, 'target_pch_out_db', path, issues),
      addDropOsnr01nmDb: numberAt(r, 'add_drop_osnr', path, issues),
      pmdPs: numberAt(r, 'pmd', path, issues, 0) * 1e12,
      pdlDb: numberAt(r, 'pdl', path, issues, 0),
    })
  })
  const si = listAt(document, 'SI', '', issues)[0] ?? {}
  const spectrum: GnpySpectrum = {
    fMinThz: numberAt(si, 'f_min', 'SI[0]', issues) / 1e12,
    fMaxThz: numberAt(si, 'f_max', 'SI[0]', issues) / 1e12,
    spacingGhz: numberAt(si, 'spacing', 'SI[0]', issues) / 1e9,
    baudRateGbaud: numberAt(si, 'baud_rate', 'SI[0]', issues) / 1e9,
    rollOff: numberAt(si, 'roll_off', 'SI[0]', issues, 0),
    powerPerChannelDbm: numberAt(si, 'power_dbm', 'SI[0]', issues),
    txOsnr01nmDb: numberAt(si, 'tx_osnr', 'SI[0]', issues, 100),
    systemMarginDb: numberAt(si, 'sys_margins', 'SI[0]', issues, 0),
  }
  const transceivers = listAt(document, 'Transceiver', '', issues, false).map((t, i) => ({
    id: variety(t),
    modes: listAt(t, 'mode', `Transceiver[${i}].`, issues, false).map((m, j) => {
      const path = `Transceiver[${i}].mode[${j}]`
      return {
        id: typeof m.format === 'string' ? m.format : `mode ${j + 1}`,
        baudRateGbaud: numberAt(m, 'baud_rate', path, issues) / 1e9,
        bitRateGbps: numberAt(m, 'bit_rate', path, issues) / 1e9,
        requiredOsnr01nmDb: numberAt(m, 'OSNR', path, issues),
        rollOff: numberAt(m, 'roll_off', path, issues, 0),
        txOsnr01nmDb: numberAt(m, 'tx_osnr', path, issues, 100),
        minSpacingGhz: numberAt(m, 'min_spacing', path, issues, 0) / 1e9,
        ...penaltiesAt(m, path, issues),
      }
    }),
  }))
  if (hasErrors(issues)) return { issues }
  return { value: { amplifiers, amplifierPaths, allowedUnmodelled, fibers, span, roadms, spectrum, transceivers }, issues }
}

/**
 * A mode's `penalties` list (GNPy ≥ 2.8: points `{chromatic_dispersion | pmd | pdl: value, penalty_value: dB}`,
 * ps/nm, ps and dB as GNPy writes them) grouped into silkway's tables. Normalising (sorting, the (0, 0) point) is
 * `normalisedTable`'s, at use.
 */
function penaltiesAt(mode: Obj, path: string, issues: ValidationIssue[]): { penalties?: ModePenalties } {
  if (mode.penalties === undefined || mode.penalties === null) return {}
  if (!Array.isArray(mode.penalties)) {
    issues.push(err(`${path}.penalties`, 'not-a-list', 'penalties must be a list of {chromatic_dispersion|pmd|pdl, penalty_value}'))
    return {}
  }
  const tables: Partial<Record<(typeof PENALTY_IMPAIRMENTS)[number], PenaltyPoint[]>> = {}
  mode.penalties.forEach((point: unknown, k: number) => {
    const at = `${path}.penalties[${k}]`
    if (!isObj(point)) return issues.push(err(at, 'not-an-object', 'must be an object'))
    const named = PENALTY_IMPAIRMENTS.filter((imp) => point[GNPY_IMPAIRMENT[imp]] !== undefined)
    if (named.length !== 1) return issues.push(err(at, 'invalid', `a penalty point names exactly one of ${PENALTY_IMPAIRMENTS.map((imp) => GNPY_IMPAIRMENT[imp]).join(', ')}`))
    const upTo = numberAt(point, GNPY_IMPAIRMENT[named[0]], at, issues)
    const penaltyDb = numberAt(point, 'penalty_value', at, issues)
    if (penaltyDb < 0) issues.push(err(`${at}.penalty_value`, 'out-of-range', 'a penalty is ≥ 0 dB'))
    ;(tables[named[0]] ??= []).push({ upTo, penaltyDb })
  })
  return { penalties: tables }
}

/** GNPy's topology JSON: every element's type known, references resolved, connections between known uids. */
export function readGnpyTopology(document: unknown): { value?: GnpyTopology; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  if (!isObj(document)) return { issues: [err('', 'not-an-object', 'a GNPy topology is a JSON object with elements and connections')] }
  const elements: GnpyElement[] = []
  const uids = new Set<string>()
  listAt(document, 'elements', '', issues).forEach((e, i) => {
    const path = `elements[${i}]`
    if (typeof e.uid !== 'string' || e.uid === '') return issues.push(err(`${path}.uid`, 'required', 'every element has a uid'))
    if (uids.has(e.uid)) return issues.push(err(`${path}.uid`, 'duplicate-id', `uid '${e.uid}' is used twice`))
    uids.add(e.uid)
    if (!GNPY_ELEMENT_TYPES.includes(e.type as GnpyType)) {
      return issues.push(err(`${path}.type`, 'unknown-element-type', `unknown element type ${JSON.stringify(e.type)}; silkway reads ${GNPY_ELEMENT_TYPES.join(', ')}`))
    }
    const type = e.type as GnpyType
    if (type === 'Fiber' && typeof e.type_variety !== 'string') issues.push(err(`${path}.type_variety`, 'required', `Fiber '${e.uid}' has no type_variety`))
    const params = isObj(e.params) ? e.params : {}
    if (type === 'Fiber') {
      if (typeof params.loss_coef !== 'number') issues.push(err(`${path}.params.loss_coef`, 'required', `Fiber '${e.uid}' has no loss_coef (dB/km)`))
      if (typeof params.length !== 'number' || !(params.length > 0)) issues.push(err(`${path}.params.length`, 'required', `Fiber '${e.uid}' needs a length > 0`))
      if (params.length_units !== undefined && params.length_units !== 'km' && params.length_units !== 'm') issues.push(err(`${path}.params.length_units`, 'invalid', "length_units is 'km' or 'm'"))
    }
    const location = isObj(e.metadata) && isObj(e.metadata.location) ? e.metadata.location : {}
    elements.push({
      uid: e.uid,
      type,
      ...(typeof e.type_variety === 'string' ? { typeVariety: e.type_variety } : {}),
      params,
      operational: isObj(e.operational) ? e.operational : {},
      ...(typeof location.city === 'string' && location.city !== '' ? { city: location.city } : {}),
      ...(typeof location.latitude === 'number' ? { latitude: location.latitude } : {}),
      ...(typeof location.longitude === 'number' ? { longitude: location.longitude } : {}),
      path,
    })
  })
  const next = new Map<string, string[]>()
  listAt(document, 'connections', '', issues).forEach((c, i) => {
    for (const end of ['from_node', 'to_node'] as const) {
      if (typeof c[end] !== 'string' || !uids.has(c[end] as string)) issues.push(err(`connections[${i}].${end}`, 'unknown-reference', `no element with uid ${JSON.stringify(c[end])}`))
    }
    if (typeof c.from_node === 'string' && typeof c.to_node === 'string') next.set(c.from_node, [...(next.get(c.from_node) ?? []), c.to_node])
  })
  if (hasErrors(issues)) return { issues }
  return { value: { elements, next }, issues }
}

/** A transceiver by uid, else by city (GNPy's path request takes either). */
function findTransceiver(topology: GnpyTopology, ref: string, field: string): GnpyElement | ValidationIssue {
  const trx = topology.elements.filter((e) => e.type === 'Transceiver')
  const lower = ref.toLowerCase()
  // Exact uid, exact city, then a unique case-insensitive prefix of the city or part of the uid (GNPy's CLI takes `lannion`).
  const tries = [
    trx.filter((e) => e.uid === ref),
    trx.filter((e) => e.city === ref),
    trx.filter((e) => e.city?.toLowerCase().startsWith(lower)),
    trx.filter((e) => e.uid.toLowerCase().includes(lower)),
  ]
  const found = tries.find((t) => t.length === 1)?.[0] ?? tries[0][0] ?? tries[1][0]
  if (found) return found
  return err(field, 'unknown-reference', `no Transceiver with uid or city '${ref}'; transceivers: ${trx.slice(0, 10).map((e) => e.uid).join(', ')}`)
}

/** Fewest-elements directed path (breadth first over connections; ties by connection order, like a deterministic shortest path). */
function elementPath(topology: GnpyTopology, from: GnpyElement, to: GnpyElement): GnpyElement[] | null {
  const byUid = new Map(topology.elements.map((e) => [e.uid, e]))
  const parent = new Map<string, string | null>([[from.uid, null]])
  const queue = [from.uid]
  for (let head = 0; head < queue.length; head++) {
    const uid = queue[head]
    if (uid === to.uid) break
    const element = byUid.get(uid)!
    if (uid !== from.uid && element.type === 'Transceiver') continue
    for (const n of topology.next.get(uid) ?? []) {
      if (parent.has(n)) continue
      parent.set(n, uid)
      queue.push(n)
    }
  }
  if (!parent.has(to.uid)) return null
  const path: GnpyElement[] = []
  for (let uid: string | null = to.uid; uid !== null; uid = parent.get(uid) ?? null) path.unshift(byUid.get(uid)!)
  return path
}

export interface GnpyLine {
  elements: LineElement[]
  /** GNPy element uids along the path, transceivers included. */
  uids: string[]
  /** What the import decided that GNPy's file did not say (gains from power mode, Fused losses, ...). */
  assumptions: string[]
  /** GNPy's auto-design on the path: every amplifier added or whose type was chosen, and why. */
  design: GnpyDesignChoice[]
}

export interface GnpyDesignChoice {
  uid: string
  /** Not in the file: added between a ROADM and a fibre, a fibre and a ROADM, or two fibres. */
  added: boolean
  typeVariety: string
  gainDb: number
  nfDb: number
  reason: string
}

/**
 * GNPy's `add_missing_elements_in_network` on one path (gnpy/core/network.py @ d65865b8 `add_roadm_booster`,
 * `add_roadm_preamp`, `add_inline_amplifier`): an Edfa without type between a ROADM and a fibre, a fibre and a
 * ROADM, and two fibres, named as GNPy names them. GNPy's splitting of fibres above Span.max_length is not done.
 */
function withMissingAmplifiers(path: readonly GnpyElement[]): GnpyElement[] {
  const out: GnpyElement[] = []
  path.forEach((e, i) => {
    out.push(e)
    const next = path[i + 1]
    let uid: string | undefined
    if (e.type === 'Roadm' && next?.type === 'Fiber') uid = `Edfa_booster_${e.uid}_to_${next.uid}`
    else if (e.type === 'Fiber' && next?.type === 'Roadm') uid = `Edfa_preamp_${next.uid}_from_${e.uid}`
    else if (e.type === 'Fiber' && next?.type === 'Fiber') uid = `Edfa_${e.uid}`
    if (uid !== undefined) out.push({ uid, type: 'Edfa', params: {}, operational: {}, path: `${e.path} (Edfa added after it)`, added: true })
  })
  return out
}

const restrictionList = (e: GnpyElement | undefined, key: 'booster_variety_list' | 'preamp_variety_list'): string[] => {
  const r = e?.type === 'Roadm' && isObj(e.params.restrictions) ? e.params.restrictions[key] : undefined
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []
}

/**
 * The type of an Edfa the file leaves open, as GNPy's `get_node_restrictions` + `select_edfa` choose it: the
 * neighbouring ROADM's booster/preamp list if it has one, else every amplifier allowed for design; Raman only after a
 * fibre below Span.max_fiber_lineic_loss_for_raman. Types silkway does not model (advanced_model, openroadm,
 * multi_band) are left out, and said so.
 */
function autoSelect(e: GnpyElement, prev: GnpyElement | undefined, next: GnpyElement | undefined, gainDb: number, powerTargetDbm: number, equipment: GnpyEquipment): EdfaChoice | ValidationIssue {
  const restrictions = prev?.type === 'Roadm' ? restrictionList(prev, 'booster_variety_list') : []
  const allowed = restrictions.length ? restrictions : next?.type === 'Roadm' ? restrictionList(next, 'preamp_variety_list') : []
  const names = allowed.length ? allowed : [...equipment.amplifierPaths.keys()].filter((id) => equipment.amplifiers.get(id)?.allowedForDesign ?? equipment.allowedUnmodelled.has(id))
  const candidates: EdfaCandidate[] = []
  const unmodelled: string[] = []
  for (const id of names) {
    const type = equipment.amplifiers.get(id)
    if (!type) {
      unmodelled.push(id)
      continue
    }
    try {
      const model = noiseModel(type, equipment.amplifiers)
      const pMax = type.kind === 'dual-stage' ? equipment.amplifiers.get(type.boosterId!)?.pMaxDbm : type.pMaxDbm
      candidates.push({ type, model, gainFlatMaxDb: maxGain(type, equipment), pMaxDbm: pMax ?? Number.POSITIVE_INFINITY })
    } catch (error) {
      if (!(error instanceof NoiseModelError)) throw error
      unmodelled.push(id)
    }
  }
  const ramanAllowed = prev?.type === 'Fiber' && (prev.params.loss_coef as number) < equipment.span.maxFiberLineicLossForRamanDbPerKm
  const choice = selectEdfa(candidates, gainDb, powerTargetDbm, { ramanAllowed, targetExtendedGainDb: equipment.span.targetExtendedGainDb })
  if (!choice) {
    return err(`${e.path}.type_variety`, 'no-amplifier', `Edfa '${e.uid}' has no type_variety and no amplifier of the equipment file can be chosen for it (${allowed.length ? `ROADM restrictions: ${allowed.join(', ')}` : 'none allowed_for_design'}${unmodelled.length ? `; not modelled by silkway: ${unmodelled.join(', ')}` : ''})`)
  }
  return { ...choice, reason: `${choice.reason}${allowed.length ? `; ROADM restriction list ${allowed.join(', ')}` : ''}${unmodelled.length ? `; left out, not modelled by silkway: ${unmodelled.join(', ')}` : ''}` }
}

const lengthKmOf = (e: GnpyElement) => (e.params.length_units === 'm' ? (e.params.length as number) / 1000 : (e.params.length as number))

/** Loss of a passive element as GNPy computes it: loss_coef·length + con_in + con_out (EOL in con_out) + att_in; Fused: its loss. */
function passiveLossDb(e: GnpyElement, equipment: GnpyEquipment): number {
  if (e.type === 'Fused') return typeof e.params.loss === 'number' ? e.params.loss : GNPY_DEFAULTS.fusedLossDb
  const p = e.params
  const conIn = typeof p.con_in === 'number' ? p.con_in : equipment.span.conInDb
  const conOut = (typeof p.con_out === 'number' ? p.con_out : equipment.span.conOutDb) + equipment.span.eolDb
  const attIn = typeof p.att_in === 'number' ? p.att_in : 0
  return (p.loss_coef as number) * lengthKmOf(e) + conIn + conOut + attIn
}

/**
 * The line a channel crosses from one transceiver to another, as silkway elements. Transceivers are the path's
 * ends (their tx OSNR is the SI's or the mode's); a ROADM equalises to its target; Fused losses are lumped into
 * the next fibre's input; each Edfa's gain is GNPy's design (see the file comment).
 */
export function gnpyLine(topology: GnpyTopology, equipment: GnpyEquipment, fromRef: string, toRef: string): { value?: GnpyLine; issues: ValidationIssue[] } {
  const from = findTransceiver(topology, fromRef, 'from')
  const to = findTransceiver(topology, toRef, 'to')
  const refIssues = [from, to].filter((x): x is ValidationIssue => 'severity' in x)
  if (refIssues.length) return { issues: refIssues }
  const found = elementPath(topology, from as GnpyElement, to as GnpyElement)
  if (!found) return { issues: [err('to', 'no-path', `no connection path from '${(from as GnpyElement).uid}' to '${(to as GnpyElement).uid}'`)] }
  const path = withMissingAmplifiers(found)
  const issues: ValidationIssue[] = []
  const assumptions: string[] = []
  const design: GnpyDesignChoice[] = []
  const { span } = equipment
  // GNPy's design reference: the SI power per channel over automatic_nch(SI) channels (network.py set_egress_amplifier).
  const totalRefDbm = equipment.spectrum.powerPerChannelDbm + linearToDb(channelCount(equipment.spectrum))
  const ref = equipment.spectrum.powerPerChannelDbm

  // Span losses: the passive run each element belongs to (GNPy `span_loss`).
  const runLossDb = new Map<number, number>()
  const padInDb = new Map<number, number>()
  for (let i = 0; i < path.length; ) {
    if (path[i].type !== 'Fiber' && path[i].type !== 'Fused') {
      i++
      continue
    }
    let j = i
    let loss = 0
    while (j < path.length && (path[j].type === 'Fiber' || path[j].type === 'Fused')) loss += passiveLossDb(path[j++], equipment)
    // GNPy's add_fiber_padding: a span below Span.padding gets att_in on its first fibre, up to the padding.
    if (loss < span.paddingDb && path[i].type === 'Fiber') {
      padInDb.set(i, span.paddingDb - loss)
      assumptions.push(`${path[i].uid}: span loss ${loss.toFixed(2)} dB below Span.padding ${span.paddingDb} dB; att_in ${(span.paddingDb - loss).toFixed(2)} dB added, as GNPy's auto-design does`)
      loss = span.paddingDb
    }
    for (let k = i; k < j; k++) runLossDb.set(k, loss)
    i = j
  }
  const deltaP = (i: number): number => {
    const e = path[i]
    if (!e || e.type === 'Roadm') return 0
    const [lo, hi, step] = span.deltaPowerRangeDb
    const raw = Math.round(((runLossDb.get(i) ?? 0) - span.spanLossRefDb) * span.powerSlope / step) * step
    return Math.min(Math.max(raw, lo), hi)
  }
  if (span.powerMode) assumptions.push(`power mode (Span.power_mode): each Edfa's gain = loss since the previous amplifier + Δp(next span) − Δp(previous), Δp = clip(round((loss − ${span.spanLossRefDb})·${span.powerSlope}, ${span.deltaPowerRangeDb[2]}), [${span.deltaPowerRangeDb[0]}, ${span.deltaPowerRangeDb[1]}]); operational.gain_target is replaced, as GNPy does`)
  else assumptions.push('gain mode (Span.power_mode false): each Edfa at its operational.gain_target')

  const elements: LineElement[] = []
  let prevDpDb = 0
  let pendingInDb = 0
  let lossSinceAmpDb = 0
  path.forEach((e, i) => {
    if (e.type === 'Transceiver') return
    if (e.type === 'Roadm') {
      const type = equipment.roadms.get(e.typeVariety ?? 'default') ?? equipment.roadms.get('default') ?? [...equipment.roadms.values()][0]
      if (!type) return issues.push(err(`${e.path}.type_variety`, 'unknown-reference', `no Roadm '${e.typeVariety ?? 'default'}' in the equipment file`))
      const target = typeof e.params.target_pch_out_db === 'number' ? e.params.target_pch_out_db : type.targetPowerPerChannelDbm
      const roadm: RoadmElement = { kind: 'roadm', id: e.uid, roadmTypeId: e.typeVariety ?? 'default', targetPowerPerChannelDbm: target, addDropOsnr01nmDb: type.addDropOsnr01nmDb, pmdPs: type.pmdPs, pdlDb: type.pdlDb }
      elements.push(roadm)
      prevDpDb = target - ref
      lossSinceAmpDb = 0
      return
    }
    if (e.type === 'Fused') {
      const loss = passiveLossDb(e, equipment)
      pendingInDb += loss
      lossSinceAmpDb += loss
      if (typeof e.params.loss !== 'number') assumptions.push(`${e.uid}: Fused without params.loss, GNPy's default ${GNPY_DEFAULTS.fusedLossDb} dB`)
      return
    }
    if (e.type === 'Fiber') {
      const fiber = equipment.fibers.get(e.typeVariety!)
      if (!fiber) return issues.push(err(`${e.path}.type_variety`, 'unknown-reference', `no Fiber '${e.typeVariety}' in the equipment file`))
      const p = e.params
      const lengthKm = lengthKmOf(e)
      const conIn = (typeof p.con_in === 'number' ? p.con_in : span.conInDb) + (typeof p.att_in === 'number' ? p.att_in : 0) + (padInDb.get(i) ?? 0)
      const conOut = (typeof p.con_out === 'number' ? p.con_out : span.conOutDb) + span.eolDb
      const pmd = typeof p.pmd_coef === 'number' ? p.pmd_coef * 1e12 * Math.sqrt(1000) : fiber.pmdPsPerSqrtKm
      const dispersion = typeof p.dispersion === 'number' ? p.dispersion * 1e6 : fiber.dispersionPsPerNmKm
      const element: FiberElement = {
        kind: 'fiber',
        id: e.uid,
        fiberTypeId: e.typeVariety!,
        lengthKm,
        lossDbPerKm: p.loss_coef as number,
        dispersionPsPerNmKm: dispersion,
        effectiveAreaUm2: typeof p.effective_area === 'number' ? p.effective_area * 1e12 : fiber.effectiveAreaUm2,
        n2M2PerW: GNPY_DEFAULTS.n2M2PerW,
        pmdPsPerSqrtKm: pmd,
        groupIndex: GNPY_DEFAULTS.groupIndex,
        connectorInDb: conIn + pendingInDb,
        connectorOutDb: conOut,
        spanLossDb: (p.loss_coef as number) * lengthKm + conIn + pendingInDb + conOut,
        lossFrom: 'computed',
      }
      pendingInDb = 0
      lossSinceAmpDb += passiveLossDb(e, equipment) + (padInDb.get(i) ?? 0)
      elements.push(element)
      return
    }
    // Edfa
    const op = e.operational
    for (const voa of ['in_voa', 'out_voa'] as const) {
      if (typeof op[voa] === 'number' && op[voa] !== 0) assumptions.push(`${e.uid}: operational.${voa} ${op[voa]} dB is not modelled (taken as 0)`)
    }
    let dp = typeof op.delta_p === 'number' ? op.delta_p : deltaP(i + 1)
    let gainDb: number
    if (span.powerMode || typeof op.gain_target !== 'number') gainDb = lossSinceAmpDb + dp - prevDpDb
    else {
      // GNPy gain mode with the file's gain: the output deviation follows from it (compute_gain_power_and_tilt_target).
      gainDb = op.gain_target
      dp = prevDpDb - lossSinceAmpDb + gainDb
    }
    if (!span.powerMode && typeof op.gain_target !== 'number' && !e.added) assumptions.push(`${e.uid}: no operational.gain_target; gain from the loss before it, as GNPy's design sets it`)
    let typeId = e.typeVariety
    if (typeId === undefined) {
      const choice = autoSelect(e, path[i - 1], path[i + 1], gainDb, totalRefDbm + dp, equipment)
      if ('severity' in choice) return issues.push(choice)
      typeId = choice.id
      dp += choice.powerReductionDb
      gainDb += choice.powerReductionDb
      design.push({ uid: e.uid, added: e.added === true, typeVariety: choice.id, gainDb, nfDb: choice.nfDb, reason: choice.reason })
    }
    const type = equipment.amplifiers.get(typeId)
    if (!type) {
      const known = equipment.amplifierPaths.get(typeId)
      return issues.push(
        err(`${e.path}.type_variety`, known ? 'unsupported-amplifier' : 'unknown-reference', known ? `Edfa '${e.uid}': ${typeId} (${known}) is of a type_def silkway does not model (variable_gain, fixed_gain, dual_stage)` : `no Edfa '${typeId}' in the equipment file`),
      )
    }
    let model
    try {
      model = noiseModel(type, equipment.amplifiers)
    } catch (error) {
      if (!(error instanceof NoiseModelError)) throw error
      return issues.push(err(`${equipment.amplifierPaths.get(type.id)}`, 'bad-noise-model', `${type.id}: ${error.message}`))
    }
    const ceilingDb = (type.kind === 'dual-stage' ? maxGain(type, equipment) : (type.gainFlatMaxDb ?? type.gainMinDb)) + span.targetExtendedGainDb
    if (gainDb > ceilingDb + 1e-9) {
      issues.push(err(`${e.path}.operational.gain_target`, 'amplifier-cannot-compensate', `Edfa '${e.uid}' (${type.id}) needs ${gainDb.toFixed(2)} dB of gain; it gives at most ${ceilingDb.toFixed(2)} dB (gain_flatmax + Span.target_extended_gain)`))
    }
    const pMax = type.kind === 'dual-stage' ? equipment.amplifiers.get(type.boosterId!)?.pMaxDbm : type.pMaxDbm
    const prev = path[i - 1]
    const nextE = path[i + 1]
    const role: AmplifierElement['role'] = prev?.type === 'Roadm' || prev?.type === 'Transceiver' ? 'booster' : nextE?.type === 'Roadm' || nextE?.type === 'Transceiver' ? 'preamp' : 'inline'
    elements.push({ kind: 'amplifier', id: e.uid, amplifierTypeId: type.id, role, gainDb, pMaxDbm: pMax ?? Number.POSITIVE_INFINITY, noiseModel: model })
    prevDpDb = dp
    lossSinceAmpDb = 0
  })
  if (pendingInDb > 0) assumptions.push(`${pendingInDb.toFixed(2)} dB of Fused loss after the last fibre is not applied`)
  const longest = path.filter((e) => e.type === 'Fiber').sort((a, b) => lengthKmOf(b) - lengthKmOf(a))[0]
  if (longest && lengthKmOf(longest) > span.maxLengthKm) assumptions.push(`Fiber '${longest.uid}' (${lengthKmOf(longest)} km) is longer than Span.max_length ${span.maxLengthKm} km: GNPy's auto-design would split it into shorter spans with amplifiers; silkway keeps it whole`)
  if (hasErrors(issues)) return { issues }
  return { value: { elements, uids: path.map((e) => e.uid), assumptions, design }, issues }
}

function maxGain(type: AmplifierType, equipment: GnpyEquipment): number {
  if (type.kind !== 'dual-stage') return type.gainFlatMaxDb ?? type.gainMinDb
  const pre = equipment.amplifiers.get(type.preampId!)
  const boost = equipment.amplifiers.get(type.boosterId!)
  return (pre ? maxGain(pre, equipment) : 0) + (boost ? maxGain(boost, equipment) : 0)
}
