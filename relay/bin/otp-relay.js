#!/usr/bin/env node
// `npx otp-relay`: runs the TypeScript CLI through tsx (the relay ships as source, like the rest of the workspace).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
