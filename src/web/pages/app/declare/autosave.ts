// Autosave of the declaration form, one section at a time: a change waits `delayMs` of quiet (the
// applicant is still typing) and a blur sends at once. Saves go out one after another, because
// each carries the version the previous one returned. A failed save keeps its values queued, so
// nothing typed is dropped: an ordinary error is retried with the next change or `flush()`; a
// conflict (another tab saved first) stops every save until `resume()`.

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string };

export interface AutosaverOptions<V> {
  delayMs: number;
  send(key: string, value: V): Promise<void>;
  /** How a failed send is reported: a conflict blocks further saves until resume(). */
  classify(error: unknown): { conflict: boolean; message: string };
  onState(state: SaveState): void;
  now?: () => Date;
}

export class Autosaver<V> {
  private readonly pending = new Map<string, V>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** Whether the queued values should go out now (the quiet time passed, or a blur). */
  private due = false;
  private blocked = false;

  constructor(private readonly options: AutosaverOptions<V>) {}

  /** Queues the latest value of `key` and restarts the quiet time. */
  change(key: string, value: V): void {
    this.pending.set(key, value);
    this.due = false;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs);
    if (!this.running && !this.blocked) this.options.onState({ kind: 'dirty' });
  }

  /** Sends everything queued now; resolves when the queue is empty or a save failed. */
  flush(): Promise<void> {
    this.clearTimer();
    this.due = true;
    return this.run();
  }

  /** After a conflict was resolved (the page reloaded the latest version): saves again. */
  resume(): Promise<void> {
    this.blocked = false;
    return this.flush();
  }

  /** Keys whose latest value is not saved yet. */
  pendingKeys(): string[] {
    return [...this.pending.keys()];
  }

  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    if (this.blocked) return Promise.resolve();
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    let sent = false;
    while (this.due && this.pending.size > 0) {
      const [key, value] = this.pending.entries().next().value as [string, V];
      this.pending.delete(key);
      this.options.onState({ kind: 'saving' });
      try {
        await this.options.send(key, value);
        sent = true;
      } catch (error) {
        // Requeue unless the applicant changed it again meanwhile (the newer value wins).
        if (!this.pending.has(key)) this.pending.set(key, value);
        this.due = false;
        const { conflict, message } = this.options.classify(error);
        if (conflict) this.blocked = true;
        this.options.onState(conflict ? { kind: 'conflict', message } : { kind: 'error', message });
        return;
      }
    }
    if (this.pending.size > 0) this.options.onState({ kind: 'dirty' });
    else if (sent) this.options.onState({ kind: 'saved', at: (this.options.now ?? (() => new Date()))() });
  }
}
