import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const RUN_DIR = process.env.E2E_RUN_DIR ?? join(tmpdir(), `forefront-e2e-${E2E_PORT}`);
