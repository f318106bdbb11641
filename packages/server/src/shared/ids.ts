import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const idSource = new AsyncLocalStorage<() => string>();

export const newId = (): string => (idSource.getStore() ?? randomUUID)();

/**
 * Runs `fn` with every newId() inside it drawn from `next`: the demo writes through the ordinary
 * services and still gets the same ids for the same seed. Scoped to this async call chain only,
 * so a request served at the same time keeps its random ids.
 */
export function withIdSource<T>(next: () => string, fn: () => Promise<T>): Promise<T> {
  return idSource.run(next, fn);
}

/** 256 bits from the OS CSPRNG, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
