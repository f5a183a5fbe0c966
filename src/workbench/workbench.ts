import { builtinNetwork, builtinScenarios, DEFAULT_SCENARIO, defaultProfile } from '../data'
import { type Network, type Profile, type Scenario, SilkwayError } from '../model'
import { type RoutingIndex, type RouteQuery, type RouteResponse, compileIndex, route } from '../routing'
import { applyScenario } from '../scenario'

/** The name under which a network is used as it is, without any scenario. */
export const AS_IS = 'as-is'

export interface WorkbenchOptions {
  network: Network
  scenarios?: readonly Scenario[]
  profile?: Profile
  /** Scenario used when a query names none; `as-is` when the network has no scenarios. */
  defaultScenario?: string
}

/**
 * The facade the applications use: a network with its scenarios and profile, compiling each scenario's
 * routing index once and reusing it across queries.
 */
export class Workbench {
  readonly network: Network
  readonly scenarios: readonly Scenario[]
  readonly profile: Profile
  readonly defaultScenario: string
  private readonly indexes = new Map<string, RoutingIndex>()
  private readonly networks = new Map<string, Network>()

  constructor(options: WorkbenchOptions) {
    this.network = options.network
    this.scenarios = options.scenarios ?? []
    this.profile = options.profile ?? defaultProfile
    this.defaultScenario = options.defaultScenario ?? AS_IS
    if (this.defaultScenario !== AS_IS) this.scenarioNetwork(this.defaultScenario)
  }

  scenarioNames(): string[] {
    return [AS_IS, ...this.scenarios.map((s) => s.name)]
  }

  /** The network a scenario describes, applied once and kept; `as-is` is the network itself. */
  scenarioNetwork(name: string = this.defaultScenario): Network {
    if (name === AS_IS) return this.network
    const cached = this.networks.get(name)
    if (cached) return cached
    if (!this.scenarios.some((s) => s.name === name)) {
      throw new SilkwayError('SW_UNKNOWN_SCENARIO', `unknown scenario '${name}'; available: ${this.scenarioNames().join(', ')}`, {
        scenario: name,
        available: this.scenarioNames(),
      })
    }
    const applied = applyScenario(this.network, name, this.scenarios)
    this.networks.set(name, applied)
    return applied
  }

  index(name: string = this.defaultScenario): RoutingIndex {
    let index = this.indexes.get(name)
    if (!index) {
      index = compileIndex(this.scenarioNetwork(name), this.profile)
      this.indexes.set(name, index)
    }
    return index
  }

  route(query: RouteQuery, scenario: string = this.defaultScenario): RouteResponse {
    return route(this.index(scenario), query, scenario)
  }
}

/** The built-in Digital Silk Way corridor with its scenarios and the default physical profile. */
export function builtinWorkbench(profile: Profile = defaultProfile): Workbench {
  return new Workbench({ network: builtinNetwork, scenarios: builtinScenarios, profile, defaultScenario: DEFAULT_SCENARIO })
}
