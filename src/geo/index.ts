export {
  greatCircleKm,
  roughKm,
  initialBearingRad,
  destinationPoint,
  crossTrackKm,
  alongTrackKm,
  distanceToSegmentKm,
  distanceToPolylineKm,
  greatCirclePoints,
  MEAN_EARTH_RADIUS_KM,
  type LatLon,
} from './sphere'
export { geodesicKm, polylineGeodesicKm, ADMISSIBLE_GREAT_CIRCLE_SCALE } from './distance'
