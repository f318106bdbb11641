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

export function verifyTotp(secret: string, code: string): boolean {
  try {
    return authenticator.verify({ token: code, secret });
  } catch {
    return false;
  }
}

/** For tests and the demo: the code an authenticator app would show now. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
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
