export { AS_IS, Workbench, builtinWorkbench, type WorkbenchOptions } from './workbench'
export {
  NodeFilterSchema,
  LinkFilterSchema,
  NodeListSchema,
  LinkRowSchema,
  LinkListSchema,
  ScenarioListSchema,
  listNodes,
  listLinks,
  listScenarios,
  type NodeFilter,
  type LinkFilter,
  type NodeList,
  type LinkList,
  type ScenarioList,
} from './inventory'
