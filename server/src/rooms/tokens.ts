import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@duet/shared';

/** 192 random bits, base64url: 32 characters. */
export const TOKEN_BYTES = 24;
/** 72 random bits, base64url: 12 characters (see ROOM_ID_PATTERN). */
export const ROOM_ID_BYTES = 9;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function newRoomId(): string {
  return randomBytes(ROOM_ID_BYTES).toString('base64url');
}

/** Tokens are stored only as SHA-256 hashes: a leaked database does not open any room. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The role a token grants among a room's stored hashes, or null. Every hash is compared, in constant
 * time, so the timing tells nothing about which role (if any) came close.
 */
export function roleForToken(token: string, stored: readonly { role: Role; hash: Buffer }[]): Role | null {
  const hash = hashToken(token);
  let found: Role | null = null;
  for (const entry of stored) {
    if (sameHash(entry.hash, hash)) found = entry.role;
  }
  return found;
}

/** Does `token` hash to `stored`? Compared in constant time. */
export function tokenMatches(token: string, stored: Buffer): boolean {
  return sameHash(stored, hashToken(token));
}

function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
