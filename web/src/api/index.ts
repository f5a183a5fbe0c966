export { ApiError, type Problem, hasToken, setToken, setWorkspace } from './client'
export * from './endpoints'
export { type ApiCall, useApi, useApiQuery, errorText } from './useApi'
