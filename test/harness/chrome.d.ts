// The little of the `chrome` API the harness calls inside the extension's service worker and pages (evaluate).
declare const chrome: {
  storage: {
    local: {
      get(keys: string | string[]): Promise<Record<string, unknown>>;
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
};
