import otplib from 'otplib';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@forefront/contract';
import { sha256Hex } from '../../shared/ids.js';

const { authenticator } = otplib;
// Accept the previous and next 30-second step too: phones drift.
authenticator.options = { window: 1 };

export const ISSUER = 'Forefront';

export async function newEnrolment(email: string) {
  const secret = authenticator.generateSecret(20);
  const otpauthUrl = authenticator.keyuri(email, ISSUER, secret);
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl, qrSvg };
}

/**
 * Returns the time step the code belongs to, or null when it is wrong. The caller refuses a step
 * at or before the last accepted one, so each code works once.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  try {
    const delta = authenticator.checkDelta(code, secret);
    return delta === null ? null : Math.floor(now / 30_000) + delta;
  } catch {
    return null;
  }
}

/** For tests and the demo: the code an authenticator app shows now (or `stepOffset` 30-second steps later). */
export function currentTotp(secret: string, stepOffset = 0): string {
  return stepOffset === 0
    ? authenticator.generate(secret)
    : authenticator.clone({ epoch: Date.now() + stepOffset * 30_000 }).generate(secret);
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Recovery codes like `k7pq-2mxe`: 40 bits each, single use, stored as SHA-256. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const b = randomBytes(8);
    const chars = [...b].map((x) => ALPHABET[x % ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
  });
}

export const hashRecoveryCode = (code: string) => sha256Hex(code.trim().toLowerCase());
