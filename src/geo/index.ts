export {
  greatCircleKm,
  greatCircleBetween,
  geodesicKm,
  polylineGeodesicKm,
  MEAN_EARTH_RADIUS_KM,
  ADMISSIBLE_GREAT_CIRCLE_SCALE,
  type LatLon,
} from './distance'
