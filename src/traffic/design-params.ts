import Type from 'typebox'
import { SilkwayError } from '../model'
import { defineQuery } from '../query'
import { ConstraintParams, constraintsFromParams } from '../routing/params'
import { PROTECTION_MODES, type ProtectionMode, SURVIVE_MODES, type SurviveMode } from './design'
import type { DesignQuery, NetworkDesignOptions } from './design-query'
import { CapacityParams, capacityFromParams, GravityParams, gravityFromParams, type GravitySpec } from './queries'

/** What `designQuery.toQuery` yields: the files to read, the design question, and what applies only on a network. */
export interface DesignParamsQuery {
  /** An SNDlib instance (network, modules, demands), or a demands file (CSV / JSON) on the network in use. */
  demands?: string
  /** A module catalogue (docs/schema/modules.schema.json): needed on the network in use. */
  modules?: string
  gravity?: GravitySpec
  design: DesignQuery
  network: NetworkDesignOptions
  /** The parameters given that apply only on the network in use, as the surface spells them: refused with an SNDlib instance. */
  networkOnly: string[]
}

/** The capacity basis without `unknown`: in a design a link of unknown capacity has none pre-installed (modules can be bought). */
const { unknown: _unknown, ...DesignCapacityParams } = CapacityParams

/** The capacity-design question's parameters as every surface names them, declared once (see src/query). */
const params = Type.Object(
    {
      demands: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 4096,
          description: 'an SNDlib instance (native or XML: its own network, link modules and demands), or demands (CSV from,to,gbps[,year,class] or silkway JSON) on the network in use with --modules',
          'x-placeholder': '<file>',
        }),
      ),
      modules: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'module catalogue (silkway JSON, docs/schema/modules.schema.json): what each link can get and its price', 'x-placeholder': '<file>' })),
      survive: Type.Optional(Type.Enum([...SURVIVE_MODES], { default: 'none', description: `failures protected demands survive: ${SURVIVE_MODES.join(' | ')}` })),
      protection: Type.Optional(Type.Enum([...PROTECTION_MODES], { default: 'restoration', description: `how: ${PROTECTION_MODES.join(' | ')} (rerouting per failure; only the demands a failure hits, the others keep their working path; two disjoint paths)` })),
      protectAll: Type.Optional(Type.Boolean({ description: 'treat every demand as protected (SNDlib survivable instances)' })),
      timeLimit: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 60, description: 'solver time limit, seconds' })),
      topDemands: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'design for the N largest demands only (the rest are counted in the answer): the MIP grows with the demands' })),
      ...DesignCapacityParams,
      ...GravityParams,
      ...ConstraintParams,
    },
    { additionalProperties: false },
  )

/** A parameter given with a value other than its default (the CLI fills defaults in). */
const given = (name: string, value: unknown) => value !== undefined && value !== (params.properties as Record<string, { default?: unknown }>)[name]?.default

export const designQuery = defineQuery({
  name: 'design',
  summary: 'cheapest capacity modules per link so every demand fits and protected demands survive any single link or SRLG failure (MIP)',
  params,
  toQuery: (p, label): DesignParamsQuery => {
    const { demands, modules, survive, protection, protectAll, timeLimit, ...rest } = p
    const constraints = constraintsFromParams(p)
    const gravity = gravityFromParams(p)
    const capacity = { ...capacityFromParams(p), unknown: 'exclude' as const }
    return {
      ...(demands !== undefined ? { demands } : {}),
      ...(modules !== undefined ? { modules } : {}),
      ...(gravity ? { gravity } : {}),
      design: {
        survive: (survive ?? 'none') as SurviveMode,
        protection: (protection ?? 'restoration') as ProtectionMode,
        protectAll: protectAll ?? false,
        timeLimitS: timeLimit ?? 60,
      },
      network: {
        capacity,
        ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
        ...(p.topDemands !== undefined ? { topDemands: p.topDemands } : {}),
      },
      networkOnly: [...(modules !== undefined ? ['modules'] : []), ...Object.keys(rest).filter((k) => given(k, rest[k as keyof typeof rest]))].map(label),
    }
  },
})

/**
 * Refuses the parameters that apply only on a network when the design is of an SNDlib instance, which carries
 * its own network, link modules and demands: one refusal for the CLI and the API, each naming the parameters as
 * it spells them and the instance as it takes it (`instance`).
 */
export function refuseNetworkOnly(networkOnly: readonly string[], instance: string): void {
  if (networkOnly.length === 0) return
  throw new SilkwayError('SW_INVALID_ARGUMENT', `${networkOnly.join(', ')} ${networkOnly.length > 1 ? 'do' : 'does'} not apply: ${instance} carries its own network, link modules and demands`, { field: networkOnly[0] })
}
