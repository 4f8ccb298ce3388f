/**
 * Server-side prepared statements for the few queries every request runs (who is behind this
 * session or token). PostgreSQL plans a statement afresh each time it arrives unnamed, which
 * is what node-postgres (and so Kysely) does; for a three-table join that planning costs
 * several times its execution. A named statement is parsed once per connection, and after a
 * few executions PostgreSQL keeps a generic plan and stops planning it at all.
 *
 * A repository opts a query in with {@link preparedMarker}; {@link PreparingClient} (the
 * pool's client class) sends marked statements named after a hash of their text, so two
 * different texts never share a name, and only marked texts are kept: unmarked statements
 * (batch inserts whose text varies with the batch, `in` lists) would otherwise pile up on
 * every connection. PGlite ignores the marker: it is a comment.
 *
 * Limits: only the (text, values) form of `query` is prepared (Kysely's; a call with a
 * callback or a query object goes through unnamed). Named statements live on a server
 * connection, so behind PgBouncer in transaction mode they need its `max_prepared_statements`.
 * A marked query embedded in a larger one marks the larger one too; the bound on names keeps
 * a mistake there from growing without end.
 */
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';

const MARKER = '/* prepared */';

/**
 * The comment that asks for a statement to be prepared. Put it at the front of a query built
 * with Kysely (`.modifyFront(preparedMarker())` on a select) or at the start of a `sql`
 * template. The query's text must not vary between calls (values go in parameters).
 */
export function preparedMarker(): RawBuilder<unknown> {
  return sql.raw(MARKER);
}

/** Statement names by text; bounded, as a guard against a marked query whose text varies. */
const names = new Map<string, string>();
const MAX_NAMES = 500;

/** The statement name for a marked text, or undefined for an unmarked one (or past the bound). */
export function preparedNameOf(text: string): string | undefined {
  if (!text.includes(MARKER)) return undefined;
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `sz_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** node-postgres's client, sending marked statements as named (prepared) ones. */
export class PreparingClient extends pg.Client {}

// `query` has many overloads in pg's types; the override is installed untyped. It intercepts
// only the form Kysely uses (text, values) and passes every other call through untouched.
const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
(PreparingClient.prototype as unknown as { query: (this: pg.Client, ...args: unknown[]) => unknown }).query = function query(this: pg.Client, ...args: unknown[]) {
  const [text, values, callback] = args;
  if (typeof text === 'string' && (values === undefined || Array.isArray(values)) && callback === undefined) {
    const name = preparedNameOf(text);
    if (name) return baseQuery.call(this, { name, text, values });
  }
  return baseQuery.apply(this, args);
};
