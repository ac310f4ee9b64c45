import { createRequire } from 'node:module';

/** The relay's package version, shown in hello frames and the OpenAPI document. */
export const RELAY_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string })
  .version;
