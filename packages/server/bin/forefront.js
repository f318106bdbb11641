#!/usr/bin/env node
// The `forefront` command. Runs the TypeScript sources through tsx's loader, so there is no
// separate build step for the server (see docs/ARCHITECTURE.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
