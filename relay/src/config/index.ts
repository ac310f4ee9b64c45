export { CONFIG_DIR_NAME, defaultConfigDir, resolveConfigDir } from './config-dir.ts';
export { ConfigError, type ConfigFile, type ConfigStore, openConfigStore } from './config-store.ts';
export {
  newToken,
  type ResolvedToken,
  resolveToken,
  rotateToken,
  TOKEN_FILE,
  type TokenInputs,
  type TokenSource,
} from './token-store.ts';
