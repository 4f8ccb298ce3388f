/**
 * One server process of the cases bench's multi-process intake (started by node:cluster
 * from bench/cases-bench.ts): the real app over the bench's throwaway schema, on the port
 * the cluster shares. Stops on SIGTERM as `shuzhi serve`'s workers do.
 */
import { loadConfig } from '@/config/config.js';
import { openDatabase } from '@/db/database.js';
import { buildApp } from '@/http/app.js';
import { createContext } from '@/server/context.js';

const url = process.env.SHUZHI_BENCH_SERVER_URL;
const schema = process.env.SHUZHI_BENCH_SERVER_SCHEMA;
const workers = process.env.SHUZHI_BENCH_SERVER_WORKERS ?? '2';
if (!url || !schema) throw new Error('bench/intake-server.ts runs as a worker of bench/cases-bench.ts');

const database = await openDatabase({ url, schema });
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, SHUZHI_WORKERS: workers, SHUZHI_DATA_DIR: 'memory://' });
const app = await buildApp(createContext(database, config), { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
