import { describe, expect, it } from 'vitest';
import { isRoomId } from '@duet/shared';
import { hashToken, newRoomId, newToken, roleForToken, tokenMatches, TOKEN_BYTES } from './tokens.js';

describe('tokens', () => {
  it('[AUTH1] a token carries at least 128 random bits and tokens do not repeat', () => {
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(newToken());
    expect(seen.size).toBe(1000);
    expect(Buffer.from(newToken(), 'base64url')).toHaveLength(TOKEN_BYTES);
  });

  it('room ids match the shared pattern', () => {
    for (let i = 0; i < 100; i++) expect(isRoomId(newRoomId())).toBe(true);
  });

  it('[AUTH2] finds the role only for the exact token', () => {
    const interviewer = newToken();
    const candidate = newToken();
    const stored = [
      { role: 'candidate' as const, hash: hashToken(candidate) },
      { role: 'interviewer' as const, hash: hashToken(interviewer) },
    ];
    expect(roleForToken(interviewer, stored)).toBe('interviewer');
    expect(roleForToken(candidate, stored)).toBe('candidate');
    expect(roleForToken(candidate.slice(0, -1), stored)).toBeNull();
    expect(roleForToken('', stored)).toBeNull();
    expect(roleForToken(interviewer, [])).toBeNull();
  });

  it('matches a single stored hash only for the exact token', () => {
    const token = newToken();
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(token.slice(0, -1), hashToken(token))).toBe(false);
    expect(tokenMatches(token, Buffer.alloc(3))).toBe(false);
  });

  it('stores a hash, never the token', () => {
    const token = newToken();
    expect(hashToken(token).toString('utf8')).not.toContain(token);
    expect(hashToken(token)).toHaveLength(32);
  });
});
