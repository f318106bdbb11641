import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';

/**
 * Keys kept outside the database, so that whoever holds the database (a copied file, a backup, a
 * PostgreSQL superuser) does not also hold them. Each key is 32 random bytes, given in base64 by
 * an environment variable or kept in a file of its own in the key directory (docs/operations.md
 * says what to back up, and what losing a key means).
 */
export const KEYS = {
  /** AES-256-GCM key for secrets stored in the database (TOTP secrets): keys/seal.ts. */
  data: { file: 'data.key', env: 'FOREFRONT_DATA_KEY' },
  /** Ed25519 seed that signs audit anchors: modules/audit/audit.anchor.ts. */
  auditAnchor: { file: 'audit-anchor.key', env: 'FOREFRONT_AUDIT_ANCHOR_KEY' },
} as const;
export type KeyName = keyof typeof KEYS;

const KEY_BYTES = 32;

/** A key that is missing, malformed or readable by others: the message says which and what to do. */
export class KeyError extends Error {}

export const keyFile = (keys: Config['keys'], name: KeyName) => join(keys.dir, KEYS[name].file);

const loaded = new Map<string, Buffer>();

/**
 * The key's 32 bytes. The environment variable wins over the file. `create`: make the file when it
 * does not exist (the first start that needs the key); without it a missing key is an error, for
 * commands that must check against an existing key and would learn nothing from a new one.
 */
export function loadKey(keys: Config['keys'], name: KeyName, opts: { create: boolean }): Buffer {
  const fromEnv = keys.env[name];
  if (fromEnv !== undefined) return decode(fromEnv, `the environment variable ${KEYS[name].env}`);
  const file = keyFile(keys, name);
  const cached = loaded.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readKeyFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!opts.create) throw new KeyError(`No ${name} key: neither ${KEYS[name].env} is set nor does ${file} exist`);
    createKeyFile(file);
    text = readKeyFile(file);
  }
  const key = decode(text, file);
  loaded.set(file, key);
  return key;
}

function readKeyFile(file: string): string {
  const mode = statSync(file).mode & 0o777;
  // As ssh does with private keys: a key others can read is no longer only ours.
  if (mode & 0o077)
    throw new KeyError(`${file} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  return readFileSync(file, 'utf8');
}

/**
 * Written whole to a temporary file (0600) and then linked into place: link fails when the name
 * exists, so two processes starting at once agree on one key, and no reader sees a half-written file.
 */
function createKeyFile(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function decode(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64') !== trimmed)
    throw new KeyError(`${where} does not hold a key: expected ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
  return key;
}

/** Tests that replace a key file between steps. */
export function forgetLoadedKeys(): void {
  loaded.clear();
}
