import { builtinCalibrationDocument } from '../data'
import { validateCalibration } from './expected'
import type { Calibration } from './schema'

/**
 * The built-in calibration, validated once: `route`, `compare`, the report and the service add its expected
 * RTT beside the floor on the built-in corridor unless told otherwise (`--no-calibration`). A broken shipped
 * file is a defect of the build, not of user input, so it throws.
 */
export const builtinCalibration: Calibration = (() => {
  const result = validateCalibration(builtinCalibrationDocument)
  if (!result.value) throw new Error(`src/data/calibration.json is not a valid calibration: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  return result.value
})()
