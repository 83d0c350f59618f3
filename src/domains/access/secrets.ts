import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** Passwords are low-entropy: argon2id. API keys and session tokens are random: SHA-256 suffices. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function newApiKey(): string {
  return `opk_${randomBytes(24).toString('base64url')}`;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The visible start of a key, so people can tell their keys apart without the secret. */
export const keyPrefix = (key: string) => key.slice(0, 10);
