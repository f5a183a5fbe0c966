// The few parts of better-sqlite3 the store uses (the package ships no types; @types/better-sqlite3 is not a dependency).
declare module 'better-sqlite3' {
  interface Statement {
    readonly reader: boolean
    all(...params: unknown[]): unknown[]
    run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint }
    iterate(...params: unknown[]): IterableIterator<unknown>
  }
  class Database {
    constructor(file: string, options?: { readonly?: boolean; timeout?: number })
    prepare(sql: string): Statement
    pragma(source: string, options?: { simple?: boolean }): unknown
    close(): void
  }
  export default Database
}
