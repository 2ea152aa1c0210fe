import "server-only";
import { PostgresDialect, type Dialect } from "kysely";
import pg from "pg";

const INT8 = 20;

/**
 * PostgreSQL through one pool per process. BIGINT (times in ms, counts) is read as a JavaScript number:
 * every value callscope stores fits in 2^53, and rows then look the same as SQLite's.
 */
export function postgresDialect(connectionString: string, max = 8): Dialect {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (the server restarted) is not a crash; the next query reconnects.
  pool.on("error", () => undefined);
  return new PostgresDialect({ pool });
}
