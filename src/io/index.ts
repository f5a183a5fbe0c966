export { type NetworkFormat, type ParseResult, NETWORK_FORMATS } from './result'
export { detectFormat, parseNetwork, parseFailure, writeNetwork, formatIssues } from './format'
export { parseSilkwayJson, writeSilkwayJson } from './json'
export { parseGeoJson, writeGeoJson, SNAP_DISTANCE_KM } from './geojson'
export { parseGraphml, writeGraphml } from './graphml'
export { countryCode } from './country'
export { readJsonText } from './json-text'
export { parseDemandsFile, parseDemandsJson, parseDemandsCsv, type DemandsParseResult } from './demands'
export { parseSndlibNative, type SndlibParseResult, type SndlibLinkCosts, type SndlibModule } from './sndlib'
export { readGnpyEquipment, readGnpyTopology, gnpyLine, GNPY_ELEMENT_TYPES, type GnpyEquipment, type GnpyTopology, type GnpyLine } from './gnpy'
export { writeGnpyTopology, writeGnpyEquipment, type GnpyExportLine, type GnpyExportNode } from './gnpy-write'
export { looksLikeSndlib, parseSndlib, parseSndlibXml, readSndlibInstance, type SndlibInstance } from './sndlib-xml'
export { parseModulesJson, type ModulesParseResult } from './modules'
export {
  parseMeasurements,
  parseMeasurementsCsv,
  parseMeasurementsJson,
  parseRipeAtlas,
  detectMeasurementsFormat,
  type MeasurementsFormat,
  type MeasurementsParseResult,
} from './measurements'
