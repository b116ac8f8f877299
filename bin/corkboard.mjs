#!/usr/bin/env node
// The `corkboard` command (npx corkboard …). Runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
