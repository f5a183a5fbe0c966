import type { ModePenalties, PenaltyPoint } from './schema'

/** The impairments a transceiver mode's penalty tables are indexed by, with the receiver figure each reads. */
export const PENALTY_IMPAIRMENTS = ['chromaticDispersionPsPerNm', 'pmdPs', 'pdlDb'] as const
export type PenaltyImpairment = (typeof PENALTY_IMPAIRMENTS)[number]

/** The accumulated impairments at the receiver that the tables are read at. */
export type Impairments = Record<PenaltyImpairment, number>

/** One impairment's penalty at the receiver. */
export interface PenaltyRow {
  impairment: PenaltyImpairment
  /** The accumulated impairment at the receiver, in the unit the impairment's name says. */
  value: number
  /** The penalty, dB; null beyond the table: the mode cannot run there (GNPy: infinite penalty). */
  penaltyDb: number | null
}

export interface PenaltyFigures {
  /** One row per impairment the mode has a table for. */
  rows: PenaltyRow[]
  /** Sum of the finite penalties, dB (0 when the mode has no tables). */
  totalDb: number
  /** False when an impairment is beyond its table. */
  withinTables: boolean
}

/**
 * A penalty table as GNPy reads it (gnpy/tools/json_io.py `Transceiver.__init__` @ d65865b8): sorted by the
 * impairment, and when every point is above zero a (0, 0 dB) point is put first ("we assume 0 penalty for 0
 * impairment").
 */
export function normalisedTable(points: readonly PenaltyPoint[]): PenaltyPoint[] {
  const sorted = [...points].sort((a, b) => a.upTo - b.upTo)
  if (sorted.length > 0 && sorted.every((p) => p.upTo > 0)) sorted.unshift({ upTo: 0, penaltyDb: 0 })
  return sorted
}

/**
 * The penalty at an impairment value: linear interpolation between the table's points, Infinity below the first
 * and above the last (GNPy `Transceiver._calc_penalty`: numpy.interp with left = right = inf). The table must be
 * normalised (`normalisedTable`).
 */
export function interpolatePenaltyDb(table: readonly PenaltyPoint[], value: number): number {
  if (table.length === 0) return 0
  const first = table[0]
  const last = table[table.length - 1]
  if (value < first.upTo || value > last.upTo) return Number.POSITIVE_INFINITY
  for (let i = 1; i < table.length; i++) {
    const a = table[i - 1]
    const b = table[i]
    if (value > b.upTo) continue
    // Equal abscissae (a step): numpy.interp takes the right-hand point.
    if (b.upTo === a.upTo) return b.penaltyDb
    return a.penaltyDb + ((value - a.upTo) / (b.upTo - a.upTo)) * (b.penaltyDb - a.penaltyDb)
  }
  return last.penaltyDb
}

/**
 * A mode's penalties at the receiver's CD, PMD and PDL (GNPy `Transceiver.calc_penalties`). JSON has no Infinity,
 * so a value beyond its table is a null penalty and `withinTables: false` rather than an infinite sum.
 */
export function modePenalties(penalties: ModePenalties | undefined, impairments: Impairments): PenaltyFigures {
  const figures: PenaltyFigures = { rows: [], totalDb: 0, withinTables: true }
  if (!penalties) return figures
  for (const impairment of PENALTY_IMPAIRMENTS) {
    const points = penalties[impairment]
    if (!points || points.length === 0) continue
    // CD is not taken as |CD|: GNPy's tables are signed (OpenROADM ver5 starts at −1000 ps/nm).
    const penaltyDb = interpolatePenaltyDb(normalisedTable(points), impairments[impairment])
    const finite = Number.isFinite(penaltyDb)
    figures.rows.push({ impairment, value: impairments[impairment], penaltyDb: finite ? penaltyDb : null })
    if (finite) figures.totalDb += penaltyDb
    else figures.withinTables = false
  }
  return figures
}
