import type { NodePairRef } from './types'

/** Europe–China pairs whose fastest routes the report shows with and without Russian transit. */
export const corridorPairs: readonly NodePairRef[] = [
  { from: 'Frankfurt', to: 'Beijing' },
  { from: 'Frankfurt', to: 'Shanghai' },
  { from: 'Frankfurt', to: 'Hong Kong' },
]

/** Pairs `silkway compare` shows by default, besides the claims' own endpoints. */
export const mainComparePairs: readonly NodePairRef[] = [
  ...corridorPairs,
  { from: 'Frankfurt', to: 'Almaty' },
  { from: 'Istanbul', to: 'Urumqi' },
  { from: 'Baku', to: 'Almaty' },
]

/** The pairs whose availability `silkway report` shows in both scenarios (issue 3). */
export const reportAvailabilityPairs: readonly NodePairRef[] = [
  { from: 'Frankfurt', to: 'Shanghai' },
  { from: 'Baku', to: 'Almaty' },
]

/** The countries whose transit share `silkway report` shows before and after (issue 10 §6: the article's hubs and the routes around them). */
export const reportHubCountries: readonly string[] = ['KZ', 'AZ', 'GE', 'RU', 'IR']
