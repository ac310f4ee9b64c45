// The little of the `chrome` API the harness calls inside the extension's service worker and pages (evaluate).
declare const chrome: {
  storage: {
    local: {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    };
    session: {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
    };
  };
  /** From an extension page (the popup): what the popup's buttons send to the background. */
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
  };
  /** From the worker: the tabs it may see and a script run in one's isolated world (test/flows/storage-access). */
  tabs: { query(filter: Record<string, never>): Promise<{ id?: number; url?: string }[]> };
  scripting: {
    executeScript<T>(injection: {
      target: { tabId: number };
      world: 'ISOLATED' | 'MAIN';
      func: () => T | Promise<T>;
    }): Promise<{ result?: Awaited<T> }[]>;
  };
};
