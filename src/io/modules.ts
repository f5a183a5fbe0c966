import { type ModulesDocument, type ValidationIssue, validateModules } from '../model'
import { parseJsonDocument } from './json-text'
import { guardedRead } from './result'

/** What the module-catalogue reader returns: `modules` is present exactly when no issue has severity `error`. */
export interface ModulesParseResult {
  format: 'json'
  modules?: ModulesDocument
  issues: ValidationIssue[]
}

/** Reads a silkway module catalogue (docs/schema/modules.schema.json); every issue carries its path and line. */
export function parseModulesJson(text: string): ModulesParseResult {
  return guardedRead('json', 'module catalogue', (): ModulesParseResult => {
    const { value, issues } = parseJsonDocument(text, validateModules)
    return value === undefined ? { format: 'json', issues } : { format: 'json', modules: value, issues }
  })
}
