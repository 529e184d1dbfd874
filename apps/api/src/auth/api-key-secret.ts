import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Key format: `ic_<lookup>_<secret>`. The lookup part is stored in clear to find the
 * row with one indexed read; only a SHA-256 of the 256-bit secret is stored, so a
 * database leak reveals no usable key. SHA-256 (not a slow KDF) is right here because
 * the secret is random, not a password.
 */
const KEY_PATTERN = /^ic_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  plaintext: string;
  lookupPrefix: string;
  secretHash: Buffer;
}

export function generateApiKey(): GeneratedApiKey {
  const lookupPrefix = randomBytes(12)
    .toString('base64url')
    .replace(/[-_]/g, '')
    .padEnd(16, '0')
    .slice(0, 16);
  const secret = randomBytes(32).toString('base64url');
  return { plaintext: `ic_${lookupPrefix}_${secret}`, lookupPrefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(plaintext: string): { lookupPrefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(plaintext);
  return match ? { lookupPrefix: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
