// The browser tests' server: a real local SMTP server that writes each message to a file, the
// demo district, then Forefront itself on E2E_PORT. Everything lives in RUN_DIR, which the specs
// read (demo accounts, received mail).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { RUN_DIR, E2E_PORT, SMTP_PORT } from './env.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
rmSync(RUN_DIR, { recursive: true, force: true });
mkdirSync(join(RUN_DIR, 'mail'), { recursive: true });
// Playwright stops this process at the end of the run: nothing of the run (database, keys, mail) stays behind.
process.on('exit', () => rmSync(RUN_DIR, { recursive: true, force: true }));

let n = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      writeFileSync(join(RUN_DIR, 'mail', `${String(++n).padStart(4, '0')}-${to}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve));

const env = {
  ...process.env,
  FOREFRONT_DATA_DIR: join(RUN_DIR, 'data'),
  PORT: String(E2E_PORT),
  HOST: '127.0.0.1',
  PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  LOG_LEVEL: 'warn',
};
Object.assign(process.env, env);
const demo = execFileSync(process.execPath, [join(root, 'packages/server/bin/forefront.js'), 'demo', '--json'], {
  env,
});
writeFileSync(join(RUN_DIR, 'demo.json'), demo);

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../server/src/cli.ts');
await main(['node', 'forefront', 'serve']);
