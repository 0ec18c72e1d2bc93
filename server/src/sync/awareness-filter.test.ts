import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { decodeAwarenessUpdate, encodeAwarenessEntries, sanitizeAwarenessState } from './awareness-filter.js';

describe('awareness filter', () => {
  it('round-trips what y-protocols encodes', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Ada', color: '#ff0000' }, selection: { anchor: 1 } });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    const entries = decodeAwarenessUpdate(update);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.state).toEqual({ user: { name: 'Ada', color: '#ff0000' }, selection: { anchor: 1 } });
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, encodeAwarenessEntries(entries), null);
    expect(other.getStates().get(awareness.clientID)).toEqual(awareness.getLocalState());
    awareness.destroy();
    other.destroy();
  });

  it('[SYNC6] forces the role from the token and cleans name and colour', () => {
    const clean = sanitizeAwarenessState(
      { user: { name: `  ${'x'.repeat(100)} `, color: 'red', role: 'interviewer' } },
      'candidate',
    );
    expect(clean?.user).toEqual({ name: 'x'.repeat(40), color: '#888888', role: 'candidate' });
    expect(sanitizeAwarenessState({}, 'interviewer')?.user).toEqual({
      name: 'Interviewer',
      color: '#888888',
      role: 'interviewer',
    });
  });

  it('drops oversized states and rejects non-JSON', () => {
    expect(sanitizeAwarenessState({ junk: 'x'.repeat(10_000) }, 'candidate')).toBeUndefined();
    const bad = encodeAwarenessEntries([{ clientId: 1, clock: 1, state: null }]);
    bad[bad.length - 1] = 0x7b; // turn "null" into "nul{"
    expect(() => decodeAwarenessUpdate(bad)).toThrow();
  });
});
