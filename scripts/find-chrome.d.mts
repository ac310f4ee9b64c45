/** Where Chromium is: $CHROME_PATH, then /usr/bin/chromium, then google-chrome on the PATH; null if none. */
export function findChrome(): string | null;
