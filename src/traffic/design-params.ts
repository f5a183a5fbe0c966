import Type from 'typebox'
import { defineQuery } from '../query'
import { PROTECTION_MODES, type ProtectionMode, SURVIVE_MODES, type SurviveMode } from './design'
import type { DesignQuery } from './design-query'

/** The capacity-design question's parameters as every surface names them, declared once (see src/query). */
export const designQuery = defineQuery({
  name: 'design',
  summary: 'cheapest capacity modules per link so every demand fits and protected demands survive any single link or SRLG failure (MIP)',
  params: Type.Object(
    {
      demands: Type.String({ minLength: 1, maxLength: 4096, description: 'an SNDlib instance (native or XML): network, link modules and demands', 'x-placeholder': '<file>' }),
      survive: Type.Optional(Type.Enum([...SURVIVE_MODES], { default: 'none', description: `failures protected demands survive: ${SURVIVE_MODES.join(' | ')}` })),
      protection: Type.Optional(Type.Enum([...PROTECTION_MODES], { default: 'restoration', description: `how: ${PROTECTION_MODES.join(' | ')} (rerouting per failure; only the demands a failure hits, the others keep their working path; two disjoint paths)` })),
      protectAll: Type.Optional(Type.Boolean({ description: 'treat every demand as protected (SNDlib survivable instances)' })),
      timeLimit: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 60, description: 'solver time limit, seconds' })),
    },
    { additionalProperties: false },
  ),
  toQuery: (p): DesignQuery & { demands: string } => ({
    demands: p.demands,
    survive: (p.survive ?? 'none') as SurviveMode,
    protection: (p.protection ?? 'restoration') as ProtectionMode,
    protectAll: p.protectAll ?? false,
    timeLimitS: p.timeLimit ?? 60,
  }),
})
