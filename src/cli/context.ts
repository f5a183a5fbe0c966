import { builtinNetwork, builtinScenarios, DEFAULT_SCENARIO, defaultProfile } from '../data'
import { SilkwayError } from '../model'
import { AS_IS, Workbench } from '../workbench'
import { loadNetworkFile, loadProfileOverride, loadScenariosFile } from './files'

/** Options every command accepts. */
export interface CommonOptions {
  json?: boolean
  network?: string
  scenario?: string
  scenarios?: string
  profile?: string
  debug?: boolean
}

export interface Context {
  workbench: Workbench
  /** The scenario the command works on. */
  scenario: string
  builtin: boolean
}

/** The built-in corridor, or the user's network with the user's scenarios, with the profile and overrides. */
export function loadContext(options: CommonOptions): Context {
  const profile = options.profile ? loadProfileOverride(defaultProfile, options.profile) : defaultProfile
  if (!options.network) {
    if (options.scenarios) throw new SilkwayError('SW_INVALID_ARGUMENT', '--scenarios applies to a --network file; the built-in corridor has its own')
    const workbench = new Workbench({ network: builtinNetwork, scenarios: builtinScenarios, profile, defaultScenario: DEFAULT_SCENARIO })
    return { workbench, scenario: options.scenario ?? DEFAULT_SCENARIO, builtin: true }
  }
  const network = loadNetworkFile(options.network)
  const scenarios = options.scenarios ? loadScenariosFile(options.scenarios) : []
  const workbench = new Workbench({ network, scenarios, profile, defaultScenario: AS_IS })
  const scenario = options.scenario ?? AS_IS
  workbench.scenarioNetwork(scenario)
  return { workbench, scenario, builtin: false }
}
