/**
 * Types for better-sqlite3-multiple-ciphers. The package ships index.d.ts, but its package.json
 * "exports" map has no "types" entry, so TypeScript under nodenext resolution cannot find it. This
 * declares the part of the better-sqlite3 API Warden uses (same names and shapes as upstream).
 */
declare module 'better-sqlite3-multiple-ciphers' {
  export interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  export interface Statement {
    readonly source: string;
    readonly reader: boolean;
    run(...params: unknown[]): RunResult;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    iterate(...params: unknown[]): IterableIterator<unknown>;
    /** Rows as arrays of values in column order, not objects (cheaper over millions of rows). */
    raw(toggle?: boolean): this;
    /** Rows as their first column's value. */
    pluck(toggle?: boolean): this;
  }
  export interface Options {
    readonly?: boolean;
    fileMustExist?: boolean;
    timeout?: number;
  }
  export interface RegistrationOptions {
    deterministic?: boolean;
    varargs?: boolean;
    directOnly?: boolean;
    safeIntegers?: boolean;
  }
  export interface PragmaOptions {
    simple?: boolean;
  }
  export interface Database {
    readonly open: boolean;
    readonly inTransaction: boolean;
    readonly name: string;
    prepare(source: string): Statement;
    exec(source: string): this;
    pragma(source: string, options?: PragmaOptions): unknown;
    transaction<F extends (...args: never[]) => unknown>(fn: F): F;
    function(name: string, options: RegistrationOptions, fn: (...params: unknown[]) => unknown): this;
    close(): this;
  }
  interface DatabaseConstructor {
    new (filename: string, options?: Options): Database;
    (filename: string, options?: Options): Database;
  }
  const Database: DatabaseConstructor;
  export default Database;
}
