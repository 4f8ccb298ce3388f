/**
 * Several HTTP server processes on one port (node:cluster), for machines with more cores
 * than one Node.js thread can use. The primary process owns the jobs that must run once
 * (migrations, demo seeding, the minute's sweeps) and keeps the workers alive; each worker
 * serves requests with its own database pool and caches.
 *
 * Why this is safe with per-process caches: every cache already has to tolerate a second
 * process (the command line edits the same database while the server runs). The region
 * locator follows the database's region revision, the case context expires after 5 s,
 * and cockpit answers and live updates follow the audit head in the database.
 */
import cluster, { type Worker } from 'node:cluster';
import { forgetAuthentications, onAuthenticationsForgotten } from '@/domains/auth/auth-service.js';

/** The message by which a worker tells the others to forget remembered sessions and tokens. */
const FORGET_AUTH = 'shuzhi:forget-authentications';

function isForgetMessage(message: unknown): boolean {
  return (message as { type?: unknown } | null)?.type === FORGET_AUTH;
}

/** Unexpected worker exits in {@link RESTART_WINDOW_MS} that stop the respawning: this many, or twice the workers. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** A pause before a restart, so that a worker failing at once does not spin. */
const RESTART_DELAY_MS = 500;
/** How long a stopping worker may take to finish its requests before it is killed. */
const STOP_GRACE_MS = 10_000;

/** True in a process that cluster started as one of the server's workers. */
export function isServerWorker(): boolean {
  return cluster.isWorker;
}

/** Options of {@link superviseWorkers}. */
export interface SuperviseOptions {
  /** How many worker processes to run. */
  workers: number;
  log: (line: string) => void;
  /** Called when workers die too often to go on (the caller should exit non-zero). */
  onGiveUp?: () => void;
}

/** The running workers, as the primary sees them. */
export interface Supervisor {
  /** Resolves with the port once every worker listens; rejects if one fails to start. */
  listening: Promise<number>;
  /** Process ids of the live workers. */
  pids(): number[];
  /** Stops every worker: each finishes its requests, then exits (killed after a grace period). From the first call no worker is restarted. */
  stop(): Promise<void>;
}

/**
 * Forks `workers` server processes running this same program and restarts any that dies
 * unexpectedly (up to {@link MAX_RESTARTS} a minute). Call it in the primary only.
 */
export function superviseWorkers(options: SuperviseOptions): Supervisor {
  const { workers, log } = options;
  let stopping = false;
  const exits: number[] = [];
  let port = 0;
  let waiting = workers;
  let resolveListening!: (port: number) => void;
  let rejectListening!: (error: Error) => void;
  const listening = new Promise<number>((resolve, reject) => {
    resolveListening = resolve;
    rejectListening = reject;
  });
  // Until every first worker listens, an exit means the start failed (bad configuration,
  // database down): fail it rather than restart forever. Afterwards exits are restarted,
  // within the limit.
  let ready = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', (address) => {
      if (ready) return;
      port = address.port;
      waiting -= 1;
      if (waiting === 0) {
        ready = true;
        resolveListening(port);
      }
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      if (!ready) {
        rejectListening(new Error(`server worker ${worker.process.pid} exited before it listened (code ${code ?? signal})`));
        return;
      }
      const now = Date.now();
      exits.push(now);
      while (exits.length > 0 && now - (exits[0] as number) > RESTART_WINDOW_MS) exits.shift();
      if (exits.length > Math.max(MAX_RESTARTS, 2 * workers)) {
        log(`服务进程一分钟内退出 ${exits.length} 次,停止重启`);
        options.onGiveUp?.();
        return;
      }
      log(`服务进程 ${worker.process.pid} 退出(${signal ?? code}),正在重启`);
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS);
    });
  };
  for (let i = 0; i < workers; i += 1) fork();
  // A worker that ended a session or changed a user tells the primary, which tells the others.
  const relay = (from: Worker, message: unknown) => {
    if (!isForgetMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && !worker.isDead() && worker.isConnected()) worker.send({ type: FORGET_AUTH });
    }
  };
  cluster.on('message', relay);

  return {
    listening,
    pids: () => Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : [])),
    async stop() {
      stopping = true;
      cluster.off('message', relay);
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
      await Promise.all(
        live.map(
          (worker) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
              worker.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              // SIGTERM runs the worker's own shutdown (close the server, then the pool).
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/**
 * In a worker: tells the other workers (through the primary) whenever this one forgets the
 * sessions and tokens it remembers, and forgets when told. Returns the undo.
 */
export function shareForgetting(): () => void {
  const stopTelling = onAuthenticationsForgotten(() => {
    if (process.connected) process.send?.({ type: FORGET_AUTH });
  });
  const listen = (message: unknown) => {
    if (isForgetMessage(message)) forgetAuthentications({ relayed: true });
  };
  process.on('message', listen);
  return () => {
    stopTelling();
    process.off('message', listen);
  };
}
