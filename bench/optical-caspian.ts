// Prints the unrepeatered-reach table of docs/optical.md: the longest single span each fibre and amplification
// option closes for each Voyager mode, with the built-in equipment library. `node --import tsx bench/optical-caspian.ts`
import { builtinEquipment, maxUnrepeateredLengthKm, UNREPEATERED_OPTIONS } from '../src/optical'

const equipment = builtinEquipment()
const voyager = equipment.library.transceivers.find((t) => t.id === 'Voyager')!
for (const fiberTypeId of ['ssmf', 'smf28-ull', 'g654-large-area']) {
  for (const option of UNREPEATERED_OPTIONS) {
    const cells = voyager.modes
      .slice()
      .sort((a, b) => a.bitRateGbps - b.bitRateGbps)
      .map((mode) => {
        const answer = maxUnrepeateredLengthKm({ fiberTypeId, option, mode }, equipment)
        return `${mode.bitRateGbps}G ${String(answer.maxLengthKm).padStart(4)} km`
      })
    console.log(`${fiberTypeId.padEnd(16)} ${option.padEnd(16)} ${cells.join('  ')}`)
  }
}
