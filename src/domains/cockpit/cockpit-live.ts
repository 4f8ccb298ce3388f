/**
 * Live updates of open cockpits: ONE poller per process reads the head of each watched
 * district's audit chain once a second (one indexed single-row read per district) and tells
 * the subscribers of a district when it moved, with the kinds of record that changed.
 *
 * Why polling the audit head rather than an in-process event bus: changes come from other
 * processes too (the CLI's bulk import, a second server on the same PostgreSQL), and every
 * one of them writes its audit row in the same transaction as the change, so the head is the
 * one signal that is never missed and never early. The poller stops when nobody listens.
 */
import type { Db } from '@/db/database.js';
import { changedEntityTypes, latestChangeSeqs } from './cockpit-repository.js';

/** What a subscriber is told. */
export interface ChangeEvent {
  districtCode: string;
  seq: number;
  /** Audit entity types changed since the previous event (`case`, `case_batch`, …). */
  entityTypes: string[];
}

type Listener = (event: ChangeEvent) => void;

/** The shared poller of a process. */
export class LiveFeed {
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #seqs = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #busy = false;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 1000,
  ) {}

  /** Listens to a district's changes; returns the unsubscribe function. */
  subscribe(districtCode: string, listener: Listener): () => void {
    let set = this.#listeners.get(districtCode);
    if (!set) {
      set = new Set();
      this.#listeners.set(districtCode, set);
    }
    set.add(listener);
    this.#start();
    return () => {
      const current = this.#listeners.get(districtCode);
      current?.delete(listener);
      if (current?.size === 0) {
        this.#listeners.delete(districtCode);
        this.#seqs.delete(districtCode);
      }
      if (this.#listeners.size === 0) this.stop();
    };
  }

  /** How many subscribers are listening (all districts). */
  get size(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Stops polling (and forgets what it saw). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.poll(), this.intervalMs);
    this.#timer.unref();
    void this.poll();
  }

  /** One round: reads the heads and notifies the districts whose head moved. Exposed for tests. */
  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const districts = [...this.#listeners.keys()];
      const heads = await latestChangeSeqs(this.db, districts);
      for (const district of districts) {
        const seq = heads.get(district) ?? 0;
        const seen = this.#seqs.get(district);
        this.#seqs.set(district, seq);
        // The first read only sets the baseline: nothing has changed for a new subscriber.
        if (seen === undefined || seq <= seen) continue;
        const entityTypes = await changedEntityTypes(this.db, district, seen, seq);
        const event: ChangeEvent = { districtCode: district, seq, entityTypes };
        for (const listener of this.#listeners.get(district) ?? []) listener(event);
      }
    } catch {
      // A failed read (the database restarting) is retried on the next tick.
    } finally {
      this.#busy = false;
    }
  }
}
