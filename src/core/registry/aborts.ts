// Cancelling a lazy view's loads: each load runs with the AbortSignal of its node's key, and
// refreshing, collapsing or disposing aborts every load at or under a key. Keys are paths that
// nest by prefix (`host|`, `host|team/app|`, `host|team/app|1.0|`). No vscode here: the Registries
// tree holds one.

interface Entry {
  controller: AbortController;
  running: number;
}

export class KeyedAborts {
  private readonly entries = new Map<string, Entry>();

  /** Runs a load with the signal of `key`; loads of one key share it until it is aborted. */
  async run<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { controller: new AbortController(), running: 0 };
      this.entries.set(key, entry);
    }
    entry.running++;
    try {
      return await load(entry.controller.signal);
    } finally {
      // The last load of a key takes its controller away, unless an abort already replaced it.
      if (--entry.running === 0 && this.entries.get(key) === entry) this.entries.delete(key);
    }
  }

  /** Aborts the loads at `prefix` and under it (all of them without one); how many keys had loads running. */
  abort(prefix = ''): number {
    let aborted = 0;
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(prefix)) continue;
      entry.controller.abort();
      this.entries.delete(key);
      aborted++;
    }
    return aborted;
  }

  /** Keys with loads running, for tests. */
  get running(): string[] {
    return [...this.entries.keys()];
  }
}
