/**
 * How long a map that has not loaded waits before it paints a partial picture (`drawWhenTilesLoaded` in
 * MapView.tsx): until its `load` the map paints nothing, so that its first painted frame is the complete one.
 * Here, apart from MapLibre, so that the end-to-end tests can read it.
 */
export const FIRST_PAINT_WAIT_MS = 5000
