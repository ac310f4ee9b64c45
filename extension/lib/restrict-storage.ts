import { browser } from 'wxt/browser';

/**
 * Keeps the extension's storage out of reach of content scripts. `storage.local` holds the relay token, and by
 * default every content script, in the renderer of whatever page it runs in, may read it: a compromised
 * renderer (or a bug in the autofill script's world) would hand the token to the page. The autofill script
 * needs none of it (the background sends it the code and origin in its message), so only the extension's own
 * pages and worker may read either area. Chrome keeps the level per extension; setting it on every worker
 * start also covers a profile that predates this.
 */
export async function restrictStorage(areas: Pick<typeof browser.storage, 'local' | 'session'> = browser.storage) {
  // Not named `storage`: WXT's auto-imports take a free-looking `storage` for their storage helper and would
  // ship @wxt-dev/storage (7 kB) into the worker, which never runs it.
  await Promise.all([
    areas.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }),
    areas.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }),
  ]);
}
