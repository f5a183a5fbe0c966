import { assertValid } from '../model'
import equipmentJson from '../data/equipment.json'
import { type Equipment, validateEquipment } from './equipment'

let cached: Equipment | undefined

/** The built-in library (src/data/equipment.json), validated once; a broken file fails loudly with its path. */
export function builtinEquipment(): Equipment {
  cached ??= assertValid(validateEquipment(equipmentJson), 'src/data/equipment.json')
  return cached
}
