export { ApiError, type Problem, hasToken, setToken } from './client'
export * from './endpoints'
export { type ApiCall, useApi, useApiQuery, errorCode, errorText, peopleText } from './useApi'
