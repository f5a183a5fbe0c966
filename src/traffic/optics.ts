import type { RoutingIndex } from '../routing'
import { builtinEquipment, opticalLinkRates } from '../optical'
import { type CapacityOptions, type CapacityTable, capacityTable } from './capacity'

/**
 * The capacity table a traffic question asks for. Basis `optical` takes each link's rate from the optical layer
 * (fibre pairs × wavelengths per pair × the highest-rate transceiver mode whose GSNR margin closes on the link's
 * designed line, with the built-in equipment library; src/optical `opticalLinkRates`), so flow, maxflow and hubs
 * can run on what the physics says the fibre carries rather than on a declared figure.
 */
export function questionCapacityTable(index: RoutingIndex, options: CapacityOptions = {}): CapacityTable {
  if (options.basis !== 'optical' || options.opticalRates) return capacityTable(index, options)
  return capacityTable(index, { ...options, opticalRates: opticalLinkRates(index, builtinEquipment()) })
}
