export { generateNetwork } from './generate'
export { DEFAULT_SYNTHETIC_BOX, type LatLonBox, type SyntheticOptions } from './options'
// The benchmarks draw their queries from the same seeded generator.
export { mulberry32 } from '../model'
