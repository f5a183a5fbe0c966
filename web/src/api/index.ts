export { ApiError, type Problem, currentWorkspace, hasToken, setToken, setWorkspace } from './client'
export * from './endpoints'
export { type ApiCall, useApi, useApiQuery, errorCode, errorText, peopleText } from './useApi'
