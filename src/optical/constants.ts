/** Planck constant, J·s (SI definition, 2019). */
export const PLANCK_J_S = 6.62607015e-34

/** Speed of light in vacuum, m/s (SI definition). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458

/** OSNR reference bandwidth: 0.1 nm at 1550 nm is 12.5 GHz (ITU-T G.697 convention; GNPy `info.py`). */
export const REFERENCE_BANDWIDTH_HZ = 12.5e9

/** Reference wavelength of fibre parameters (GNPy `parameters.py`: 1550 nm). */
export const REFERENCE_WAVELENGTH_M = 1550e-9

export const REFERENCE_FREQUENCY_HZ = SPEED_OF_LIGHT_M_PER_S / REFERENCE_WAVELENGTH_M

/**
 * Core radius of the step-index approximation GNPy uses to scale the effective area with frequency
 * (gnpy/core/parameters.py `FiberParams`, 4.2 µm).
 */
export const CORE_RADIUS_M = 4.2e-6
