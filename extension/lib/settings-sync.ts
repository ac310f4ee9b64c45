import { loadSettings, type Settings, watchSettings } from './settings.ts';

/**
 * Settings sync: hands the settings in storage.local to the background, at start and on every change (a test
 * harness pairs by writing the token there), one at a time and in order, so the last write always wins.
 * `apply` gets `first: true` once, for the settings the worker starts with.
 */
export class SettingsSync {
  readonly #apply: (settings: Settings, first: boolean) => void | Promise<void>;
  #current: Settings | null = null;
  #first = true;
  #syncs: Promise<void> = Promise.resolve();
  #unwatch: (() => void) | null = null;

  constructor(apply: (settings: Settings, first: boolean) => void | Promise<void>) {
    this.#apply = apply;
  }

  /** The settings last applied (null before the first). */
  get current(): Settings | null {
    return this.#current;
  }

  /** Resolves once the settings of now are applied. */
  start(): Promise<void> {
    // Watch before the first read: a test harness may write the token while we are still reading storage.
    this.#unwatch = watchSettings(() => void this.#sync());
    return this.#sync();
  }

  stop(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }

  #sync(): Promise<void> {
    this.#syncs = this.#syncs
      .then(async () => {
        const settings = await loadSettings();
        const first = this.#first;
        this.#first = false;
        this.#current = settings;
        await this.#apply(settings, first);
      })
      .catch(() => undefined);
    return this.#syncs;
  }
}
