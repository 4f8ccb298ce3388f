/**
 * Live updates of open cockpits: ONE poller per process reads the head of each watched
 * district's audit chain once a second (one indexed single-row read per district) and tells
 * the subscribers of a district when it moved, with the kinds of record that changed.
 *
 * Why polling the audit head rather than an in-process event bus: changes come from other
 * processes too (the CLI's bulk import, a second server on the same PostgreSQL), and every
 * one of them writes its audit row in the same transaction as the change, so the head is the
 * one signal that is never missed and never early. The poller stops when nobody listens.
 *
 * Each subscriber keeps its own position in the chain. A page that read its figures at head
 * `since` (the cockpit answers it) subscribes from there, so a change made between its read and
 * its connection is told at once rather than lost; a subscriber without a position starts from
 * the head the next round reads.
 */
import type { Db } from '@/db/database.js';
import { changedEntityTypes, latestChangeSeqs } from './cockpit-repository.js';

/** What a subscriber is told. */
export interface ChangeEvent {
  districtCode: string;
  seq: number;
  /** Audit entity types changed since the subscriber's previous position (`case`, `case_batch`, …). */
  entityTypes: string[];
}

type Listener = (event: ChangeEvent) => void;

interface Subscription {
  listener: Listener;
  /** The head this subscriber has been told about; undefined until the first round sets it. */
  seen: number | undefined;
}

/** The shared poller of a process. */
export class LiveFeed {
  readonly #subscriptions = new Map<string, Set<Subscription>>();
  #timer: NodeJS.Timeout | null = null;
  #busy = false;
  /** A poll was asked for while one ran: run another round when it ends. */
  #again = false;

  constructor(
    private readonly db: Db,
    private readonly intervalMs = 1000,
  ) {}

  /**
   * Listens to a district's changes from `since` (an audit head the caller has seen), or from
   * now without it; returns the unsubscribe function. With `since`, a round runs at once, so a
   * head already past it is told without waiting for the next tick.
   */
  subscribe(districtCode: string, listener: Listener, since?: number): () => void {
    let set = this.#subscriptions.get(districtCode);
    if (!set) {
      set = new Set();
      this.#subscriptions.set(districtCode, set);
    }
    const subscription: Subscription = { listener, seen: since };
    set.add(subscription);
    if (this.#timer) {
      if (since !== undefined) void this.poll();
    } else {
      this.#start();
    }
    return () => {
      const current = this.#subscriptions.get(districtCode);
      current?.delete(subscription);
      if (current?.size === 0) this.#subscriptions.delete(districtCode);
      if (this.#subscriptions.size === 0) this.stop();
    };
  }

  /** How many subscribers are listening (all districts). */
  get size(): number {
    let n = 0;
    for (const set of this.#subscriptions.values()) n += set.size;
    return n;
  }

  /** Stops polling. */
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

  /**
   * Reads the heads and notifies every subscriber whose district's head is past its position.
   * Asked for while a round runs, it runs one more round after it. Exposed for tests.
   */
  async poll(): Promise<void> {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        await this.#round();
      } while (this.#again);
    } catch {
      // A failed read (the database restarting) is retried on the next tick.
    } finally {
      this.#busy = false;
    }
  }

  async #round(): Promise<void> {
    const districts = [...this.#subscriptions.keys()];
    const heads = await latestChangeSeqs(this.db, districts);
    for (const district of districts) {
      const head = heads.get(district) ?? 0;
      // Subscribers behind the head, grouped by position: one read of what changed per group.
      const behind = new Map<number, Subscription[]>();
      for (const subscription of this.#subscriptions.get(district) ?? []) {
        const seen = subscription.seen;
        // The first round only sets the baseline of a subscriber without a position; a position
        // past the head (a chain restored from a backup) starts again from the head.
        if (seen === undefined || seen > head) subscription.seen = head;
        else if (seen < head) behind.set(seen, [...(behind.get(seen) ?? []), subscription]);
      }
      for (const [seen, group] of behind) {
        const entityTypes = await changedEntityTypes(this.db, district, seen, head);
        const event: ChangeEvent = { districtCode: district, seq: head, entityTypes };
        for (const subscription of group) {
          subscription.seen = head;
          try {
            subscription.listener(event);
          } catch {
            // One broken subscriber (a closed socket) does not keep the others from hearing.
          }
        }
      }
    }
  }
}
