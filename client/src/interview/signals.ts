import { useEffect, useRef } from 'react';
import { HIDDEN_TAB_MIN_MS, LARGE_PASTE_CHARS, type SignalRequest } from '@duet/shared';
import { api } from '../api/client';
import type * as monaco from '../editor/monaco';

function report(roomId: string, token: string, body: SignalRequest): void {
  void api.signal(roomId, token, body).catch(() => {
    // A signal that cannot be sent is not worth bothering the candidate with.
  });
}

/**
 * While a candidate's interview is in progress, report large pastes into the editor and time the
 * tab was hidden. The candidate is told about both (RECORDING_NOTICE) and sees what was recorded.
 */
export function useSignals(
  active: boolean,
  roomId: string,
  token: string,
  editor: monaco.editor.IStandaloneCodeEditor | null,
): void {
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);

  useEffect(() => {
    if (!editor) return;
    const sub = editor.onDidPaste((e) => {
      if (!activeRef.current) return;
      const model = editor.getModel();
      if (!model) return;
      const text = model.getValueInRange(e.range);
      if (text.length >= LARGE_PASTE_CHARS) {
        report(roomId, token, { type: 'paste', chars: text.length, lines: text.split('\n').length });
      }
    });
    return () => sub.dispose();
  }, [editor, roomId, token]);

  useEffect(() => {
    let hiddenAt: number | null = document.hidden ? Date.now() : null;
    const onChange = () => {
      if (document.hidden) {
        hiddenAt = Date.now();
        return;
      }
      if (hiddenAt === null) return;
      const ms = Date.now() - hiddenAt;
      hiddenAt = null;
      if (activeRef.current && ms >= HIDDEN_TAB_MIN_MS) report(roomId, token, { type: 'hidden', ms });
    };
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, [roomId, token]);
}
