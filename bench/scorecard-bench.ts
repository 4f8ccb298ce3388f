/**
 * The time to build the scorecard (成绩单) of the demo district and town in each format, on
 * PGlite with the demo data: indicators, 300 cases, projects, livelihood and supervision.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@/config/config.js';
import { migrateToLatest, openDatabase } from '@/db/database.js';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { seedDemoGovernance } from '@/domains/demo/demo-governance.js';
import { DEMO_DISTRICT_CODE } from '@/domains/demo/demo-generator.js';
import { seedDemo } from '@/domains/demo/demo-service.js';
import { SCORECARD_FORMATS } from '@/domains/reports/scorecard-render.js';
import { writeScorecard } from '@/domains/reports/scorecard-service.js';
import { createContext } from '@/server/context.js';
import { systemActor } from '@/shared/actor.js';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Prints the median time of each format for the district and its demo town. */
export async function runScorecardBench(): Promise<void> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const ctx = createContext(database, loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SHUZHI_DATA_DIR: 'memory://' }));
    const actor = systemActor('bench');
    await seedDemo({ db: ctx.db, actor });
    await seedDemoCases({ db: ctx.db, cache: ctx.cases, districtCode: DEMO_DISTRICT_CODE, count: 300 });
    await seedDemoGovernance({ db: ctx.db, districtCode: DEMO_DISTRICT_CODE });
    const regions = [
      { code: DEMO_DISTRICT_CODE, label: 'district' },
      { code: `${DEMO_DISTRICT_CODE}112`, label: 'town' },
    ];
    const period = `${new Date().getFullYear()}-H1`;
    for (const region of regions) {
      const cells: string[] = [];
      for (const format of SCORECARD_FORMATS) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < RUNS; i += 1) {
          const started = performance.now();
          const file = await writeScorecard({ db: ctx.db, cache: ctx.cases, actor, regionCode: region.code, period, format });
          times.push(performance.now() - started);
          bytes = file.body.length;
        }
        cells.push(`${format} ${median(times).toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KB)`);
      }
      console.log(`scorecard ${region.label.padEnd(8)} ${period}: ${cells.join(', ')}  — median of ${RUNS}, first run included`);
    }
  } finally {
    await database.close();
  }
}
