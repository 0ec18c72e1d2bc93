import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MAX_AWARENESS_STATE_BYTES, MAX_NAME_LENGTH, type Role } from '@duet/shared';

const COLOR = /^#[0-9a-fA-F]{6}$/;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null: the client left. */
  state: Record<string, unknown> | null;
}

export class MalformedAwareness extends Error {
  override name = 'MalformedAwareness';
}

/** Decode the inner awareness update of y-protocols (count, then clientId, clock, JSON per entry). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new MalformedAwareness('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new MalformedAwareness('awareness state is not JSON');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedAwareness('awareness state is not an object');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Make one client's awareness state safe to relay: the role always comes from the token (a client
 * cannot claim to be an interviewer), the name is trimmed to MAX_NAME_LENGTH, a bad colour is
 * replaced, and an oversized state is dropped (returns undefined).
 */
export function sanitizeAwarenessState(
  state: Record<string, unknown>,
  role: Role,
): Record<string, unknown> | undefined {
  if (JSON.stringify(state).length > MAX_AWARENESS_STATE_BYTES) return undefined;
  const rawUser = state.user;
  const user =
    rawUser && typeof rawUser === 'object' && !Array.isArray(rawUser) ? (rawUser as Record<string, unknown>) : {};
  const name =
    typeof user.name === 'string' && user.name.trim() !== ''
      ? user.name.trim().slice(0, MAX_NAME_LENGTH)
      : role === 'interviewer'
        ? 'Interviewer'
        : 'Candidate';
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#888888';
  return { ...state, user: { name, color, role } };
}
