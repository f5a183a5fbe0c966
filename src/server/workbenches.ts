import { defaultProfile } from '../data'
import type { Network, Profile, Scenario } from '../model'
import type { ResourceSettings, Store } from '../store'
import { AS_IS, Workbench } from '../workbench'

export interface LoadedNetwork {
  workbench: Workbench
  revision: number
  settings: ResourceSettings
  /** Names this version of the network and its scenarios (workspace, name, revision stamp). */
  key: string
  /** The documents as JSON text, made once, for a worker thread that has not seen this version yet. */
  documents(): { network: string; scenarios: string; defaultScenario: string }
}

/**
 * One compiled Workbench per stored network and version of it: the key is the head revision of the network
 * and of each of its scenarios, read in one query per request, so a write made by any server process is seen
 * on the next request while repeated queries reuse the compiled routing indexes.
 */
export class Workbenches {
  private readonly cache = new Map<string, LoadedNetwork>()
  private readonly stamps = new Map<string, { stamp: string; until: number }>()

  /**
   * `stampTtlMs`: how long a read stamp is trusted. Writes through this process invalidate it at once
   * (`store.onChange`); another process's writes (PostgreSQL, several servers) are seen within the TTL.
   */
  constructor(
    private readonly store: Store,
    private readonly profile: Profile = defaultProfile,
    private readonly size = 16,
    private readonly stampTtlMs = 250,
  ) {
    store.onChange((workspace, network) => this.stamps.delete(`${workspace}\u0000${network}`))
  }

  private async stamp(workspace: string, network: string): Promise<string> {
    const key = `${workspace}\u0000${network}`
    const now = Date.now()
    const hit = this.stamps.get(key)
    if (hit && hit.until > now) return hit.stamp
    const stamp = await this.store.stamp(workspace, network)
    if (this.stamps.size > 1000) this.stamps.clear()
    this.stamps.set(key, { stamp, until: now + this.stampTtlMs })
    return stamp
  }

  async get(workspace: string, network: string): Promise<LoadedNetwork> {
    const stamp = await this.stamp(workspace, network)
    const key = `${workspace}\u0000${network}\u0000${stamp}`
    const hit = this.cache.get(key)
    if (hit) {
      this.cache.delete(key)
      this.cache.set(key, hit)
      return hit
    }
    const loaded = await this.load(workspace, network, key)
    this.cache.set(key, loaded)
    while (this.cache.size > this.size) this.cache.delete(this.cache.keys().next().value as string)
    return loaded
  }

  private async load(workspace: string, network: string, key: string): Promise<LoadedNetwork> {
    const resource = await this.store.get<Network>({ workspace, kind: 'network', network: '', name: network })
    const metas = await this.store.list(workspace, 'scenario', network)
    const scenarios = await Promise.all(metas.map(async (m) => (await this.store.get<Scenario>({ workspace, kind: 'scenario', network, name: m.name })).document))
    const names = new Set(scenarios.map((s) => s.name))
    const wanted = resource.settings.defaultScenario
    const defaultScenario = wanted && names.has(wanted) ? wanted : AS_IS
    const workbench = new Workbench({ network: resource.document, scenarios, profile: this.profile, defaultScenario })
    let documents: ReturnType<LoadedNetwork['documents']> | undefined
    return {
      workbench,
      revision: resource.revision,
      settings: resource.settings,
      key,
      documents: () => {
        documents ??= { network: JSON.stringify(resource.document), scenarios: JSON.stringify(scenarios), defaultScenario }
        return documents
      },
    }
  }
}
