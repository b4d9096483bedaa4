import type { Compilable, CompiledQuery } from 'kysely';
import type { DB } from './database.js';

/** Stands in for a value while the query is built once; the call's value takes its place when it runs. */
class Slot {
  constructor(
    readonly name: string,
    readonly index?: number,
  ) {}

  valueIn(values: Record<string, unknown>): unknown {
    const value = values[this.name];
    return this.index === undefined ? value : (value as unknown[])[this.index];
  }
}

/** Shapes kept per query and dialect: a list's length is part of the shape, so long lists are not all kept. */
const SHAPES_PER_QUERY = 64;

export type ValueSlots<Values> = { readonly [K in keyof Values]: Values[K] };

/**
 * A read or write built with Kysely once and run many times with new values: building and compiling the query
 * trees took a quarter of a case view's time, more than half of what SQLite took to run them (pnpm bench, `--only
 * case-view`). `build` gets stand-ins for the values and must use them only where Kysely makes a parameter of them
 * (compared, inserted, limits, `in` lists: an array value is a list of stand-ins, one per element), never to decide
 * what the query looks like, except by a list's length. Anything else that changes the SQL (an optional condition,
 * who reads) goes into `shape`, which `shapeKey` names. Compiled once per dialect adapter, so a transaction reuses
 * the query its database compiled.
 */
export function compiledQuery<Values extends object, Row, Shape = void>(
  build: (db: DB, values: ValueSlots<Values>, shape: Shape) => Compilable<Row>,
  shapeKey: (shape: Shape) => string = () => '',
): (db: DB, values: Values, shape: Shape) => Promise<Row[]> {
  const compiled = new WeakMap<object, Map<string, CompiledQuery<Row>>>();
  return async (db, given, shape) => {
    const values = given as Record<string, unknown>;
    // Which values there are and how long the lists are is part of the shape, too.
    let key = shapeKey(shape);
    for (const name in values) key += `|${name}${Array.isArray(values[name]) ? `:${(values[name] as unknown[]).length}` : ''}`;
    const adapter = db.getExecutor().adapter;
    let queries = compiled.get(adapter);
    if (!queries) {
      queries = new Map();
      compiled.set(adapter, queries);
    }
    let query = queries.get(key);
    if (!query) {
      const slots = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.map((_, index) => new Slot(name, index)) : new Slot(name),
        ]),
      ) as unknown as ValueSlots<Values>;
      query = build(db, slots, shape).compile();
      if (queries.size < SHAPES_PER_QUERY) queries.set(key, query);
    }
    const parameters = query.parameters.map((parameter) => (parameter instanceof Slot ? parameter.valueIn(values) : parameter));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
