export { applyScenario, scenarioChain, inServiceBy, passesFilter } from './apply'
