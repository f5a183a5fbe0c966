import type { Comb } from './nli'

/** A flat grid: floor((fMax − fMin)/spacing) channels at fMin + k·spacing, k = 1…n (GNPy `create_input_spectral_information`, `automatic_nch`). */
export interface ChannelPlan {
  fMinThz: number
  fMaxThz: number
  spacingGhz: number
  baudRateGbaud: number
}

export function channelCount(plan: Pick<ChannelPlan, 'fMinThz' | 'fMaxThz' | 'spacingGhz'>): number {
  return Math.floor(((plan.fMaxThz - plan.fMinThz) * 1e3) / plan.spacingGhz + 1e-9)
}

export function channelComb(plan: ChannelPlan): Comb {
  const spacingHz = plan.spacingGhz * 1e9
  const count = channelCount(plan)
  if (!(count >= 1)) throw new RangeError(`the channel plan ${plan.fMinThz}–${plan.fMaxThz} THz at ${plan.spacingGhz} GHz holds no channel`)
  const frequencyHz = new Float64Array(count)
  const baudRate = new Float64Array(count).fill(plan.baudRateGbaud * 1e9)
  for (let i = 0; i < count; i++) frequencyHz[i] = plan.fMinThz * 1e12 + (i + 1) * spacingHz
  return { frequencyHz, baudRate }
}
