/**
 * The worker thread of a large hotline import: it reads the export from the chunks the main
 * thread sends, prepares the rows (case-import-prepare.ts) and posts them back in batches, so
 * the main thread only writes (and an embedded PGlite has the main thread to itself).
 *
 * Messages in: `{ type: 'chunk', data }`, then `{ type: 'end' }`. Messages out: `read` (a chunk
 * was parsed: the main thread sends more), `batch`, `done`, `error`.
 */
import { on } from 'node:events';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { isAppError } from '@/shared/errors.js';
import { CaseImportPreparer, errorData, locatorOf, type PreparedBatch, type WorkerInput } from './case-import-prepare.js';
import { readHotlineSheet } from './hotline-sheet.js';

/** A message from the worker to the main thread. */
export type WorkerMessage =
  | { type: 'read'; bytes: number }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'done' }
  | { type: 'error'; app: ReturnType<typeof errorData> | null; message: string; stack?: string };

/** A message from the main thread to the worker. */
export type MainMessage = { type: 'chunk'; data: Uint8Array } | { type: 'end' };

const port = parentPort;
if (!port) throw new Error('case-import-worker runs only as a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

async function* chunks(): AsyncGenerator<Buffer> {
  // `on` buffers messages from the moment it listens; the port holds earlier ones until then.
  for await (const [message] of on(port as MessagePort, 'message') as AsyncIterable<[MainMessage]>) {
    if (message.type === 'end') return;
    yield Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
    post({ type: 'read', bytes: message.data.byteLength });
  }
}

async function run(input: WorkerInput): Promise<void> {
  const preparer = new CaseImportPreparer(input.setup, locatorOf(input.regions));
  for await (const item of readHotlineSheet(chunks(), input.format)) {
    preparer.add(item);
    if (preparer.full) post({ type: 'batch', batch: preparer.take() });
  }
  post({ type: 'batch', batch: preparer.take() });
  post({ type: 'done' });
}

run(workerData as WorkerInput).catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', app: isAppError(e) ? errorData(e) : null, message: e.message, stack: e.stack });
});
