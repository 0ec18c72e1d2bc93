import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { MonacoBinding } from 'y-monaco';
import * as monaco from './monaco';
import './environment';

let seq = 0;

/**
 * A plain-text, word-wrapped Monaco bound to a Y.Text: notes written together, with remote cursors
 * (the cursor styles come from the code editor's attachRemoteCursorStyles on the same awareness).
 */
export function TextEditor({ text, awareness, readOnly, testId }: { text: Y.Text; awareness: Awareness | null; readOnly: boolean; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  useEffect(() => {
    const model = monaco.editor.createModel('', 'plaintext', monaco.Uri.parse(`inmemory://notes/${++seq}.txt`));
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: 'vs-dark',
      automaticLayout: true,
      fontSize: 13,
      lineNumbers: 'off',
      wordWrap: 'on',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      glyphMargin: false,
      folding: false,
      renderLineHighlight: 'none',
      padding: { top: 14 },
      quickSuggestions: false,
      wordBasedSuggestions: 'off',
    });
    editorRef.current = editor;
    const binding = new MonacoBinding(text, model, new Set([editor]), awareness ?? undefined);
    return () => {
      binding.destroy();
      editor.dispose();
      model.dispose();
    };
  }, [text, awareness]);
  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);
  return <div className="text-editor" ref={host} data-testid={testId} />;
}
