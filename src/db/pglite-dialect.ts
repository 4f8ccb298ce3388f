/**
 * A Kysely dialect for embedded PGlite. PGlite is a single connection, so the driver
 * serialises access with a mutex: a transaction holds the connection until it ends and
 * concurrent requests wait their turn instead of interleaving statements.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    await previous;
    return release;
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: 'object' });
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // eslint-disable-next-line require-yield -- streaming is not offered by PGlite; fail loudly
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

/** Options of {@link PGliteDialect}. */
export interface PGliteDialectOptions {
  /** Leave the PGlite instance open when Kysely is destroyed (it is shared). */
  keepOpen?: boolean;
  /**
   * Work in this schema. Set on every acquisition, because several Kysely instances may
   * share one PGlite (tests give each file a schema of its own on one instance).
   */
  schema?: string;
}

// One mutex per PGlite instance, not per Kysely: several Kysely instances may share one
// PGlite, and a transaction of one must not interleave with queries of another.
const mutexes = new WeakMap<PGlite, Mutex>();

function mutexOf(client: PGlite): Mutex {
  let mutex = mutexes.get(client);
  if (!mutex) {
    mutex = new Mutex();
    mutexes.set(client, mutex);
  }
  return mutex;
}

class PGliteDriver implements Driver {
  readonly #mutex: Mutex;
  readonly #connection: PGliteConnection;
  #release: (() => void) | undefined;

  constructor(
    private readonly client: PGlite,
    private readonly options: PGliteDialectOptions,
  ) {
    this.#connection = new PGliteConnection(client);
    this.#mutex = mutexOf(client);
  }

  async init(): Promise<void> {
    await this.client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    this.#release = release;
    if (this.options.schema) {
      try {
        await this.client.exec(`set search_path to ${this.options.schema}`);
      } catch (error) {
        this.#release = undefined;
        release();
        throw error;
      }
    }
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    if (!this.options.keepOpen) await this.client.close();
  }
}

/** Kysely dialect over one PGlite instance. */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly client: PGlite,
    private readonly options: PGliteDialectOptions = {},
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.client, this.options);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
