/**
 * Group commit: many callers' writes share one transaction. While one batch is being
 * written, new submissions wait in a queue; when it commits, everything queued goes in the
 * next batch. Under no load a submission is written at once, alone (no timer, no added
 * latency); under load the cost of a transaction (BEGIN, locks, the audit chain's head,
 * COMMIT and its flush to disk) is paid once per batch instead of once per caller.
 *
 * The writer takes its batch (`take`) when it is ready for it, after the transaction has
 * begun: what arrives during the BEGIN joins this batch. Callers answered by the previous
 * batch come back while it begins, so under a steady load the batches are about twice as
 * large as when the queue was emptied before BEGIN (the callers split into two halves
 * taking turns).
 *
 * Why this matters: each case intake takes the district's audit-chain lock and adds to
 * shared roll-up rows; sixteen concurrent intakes in sixteen transactions queue on those
 * row locks, while one transaction of sixteen holds them once.
 *
 * A batch that fails on its data (`retryAlone` says which errors: a unique key taken by a
 * racing request, say) is written again one submission at a time, so one bad submission
 * fails alone and the others still commit. Any other failure (the database gone, a COMMIT
 * whose outcome is unknown) fails the whole batch at once: retrying each submission would
 * wait out the outage once per submission, and could store twice what did commit.
 */
type Entry<I, O> = { item: I; resolve: (value: O) => void; reject: (error: unknown) => void };

export class GroupCommit<I, O> {
  #queue: Entry<I, O>[] = [];
  #running = 0;

  /**
   * @param write writes a batch in one transaction and returns one result per item taken, in
   *   order; it must either commit all of them or none. It calls `take` once, when it is ready
   *   for the items (after BEGIN), and gets at least one.
   * @param maxBatch the largest batch (bounds statement sizes and the lock's hold time).
   * @param writers how many batches may be written at once: with two, one batch's first
   *   statements overlap the other's last ones and its commit.
   * @param retryAlone whether a failed batch is worth writing again item by item.
   */
  constructor(
    private readonly write: (take: () => I[]) => Promise<O[]>,
    private readonly maxBatch = 200,
    private readonly writers = 1,
    private readonly retryAlone: (error: unknown) => boolean = () => true,
  ) {}

  /** Queues an item; resolves with its result once its batch has committed. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#running < this.writers) void this.#drain();
    });
  }

  /** How many items are waiting for the next batch. */
  get waiting(): number {
    return this.#queue.length;
  }

  async #drain(): Promise<void> {
    this.#running += 1;
    try {
      while (this.#queue.length > 0) {
        // Set by `take` (inside the write, which TypeScript cannot follow: hence a holder).
        const taken: { batch: Entry<I, O>[] | null } = { batch: null };
        const take = () => {
          // Another writer may have emptied the queue since this one began: then it takes
          // nothing (and the write commits an empty transaction).
          taken.batch ??= this.#queue.splice(0, this.maxBatch);
          return taken.batch.map((b) => b.item);
        };
        try {
          const results = await this.write(take);
          (taken.batch ?? []).forEach((b, i) => b.resolve(results[i] as O));
          continue;
        } catch (error) {
          // A write that failed before it took (BEGIN failed: the database is gone) fails
          // what it would have taken, rather than leave it to fail again and again.
          const batch = taken.batch ?? this.#queue.splice(0, this.maxBatch);
          if (batch.length === 1 || !this.retryAlone(error)) {
            for (const b of batch) b.reject(error);
            continue;
          }
          for (const b of batch) {
            try {
              const [result] = await this.write(() => [b.item]);
              b.resolve(result as O);
            } catch (single) {
              b.reject(single);
            }
          }
        }
      }
    } finally {
      this.#running -= 1;
    }
  }
}
