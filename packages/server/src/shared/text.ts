import { AppError } from './errors.js';

/**
 * Text no database of ours can store faithfully: PostgreSQL refuses a NUL byte in text (an error
 * that used to surface as a 500) while SQLite keeps it, and an unpaired UTF-16 surrogate is not
 * Unicode at all (PostgreSQL rejects it, SQLite would store U+FFFD or garbage). Refusing both at the
 * door makes the two databases answer alike and keeps such text out of exports and audit hashes.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const INVALID_CHARACTERS = 'invalid_characters';
export const INVALID_CHARACTERS_MESSAGE = 'Text may not contain NUL characters or unpaired surrogate code points';

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** The path (e.g. `body.students.0.note`) of the first unstorable string in a parsed value, keys included. */
export function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnstorable(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isStorableText(k)) return path;
    const bad = findUnstorable(v, `${path}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

export class InvalidCharactersError extends AppError {
  constructor(path: string) {
    super(400, INVALID_CHARACTERS, INVALID_CHARACTERS_MESSAGE, [
      { path, message: INVALID_CHARACTERS_MESSAGE, code: 'invalid_characters' },
    ]);
  }
}
