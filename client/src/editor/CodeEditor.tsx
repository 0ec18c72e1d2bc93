import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { MonacoBinding } from 'y-monaco';
import type { Language } from '@duet/shared';
import * as monaco from './monaco';
import './environment';
import { attachRemoteCursorStyles } from './remote-cursors';

monaco.typescript.typescriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ESNext,
  lib: ['es2022'],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
});
monaco.typescript.javascriptDefaults.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ESNext,
  lib: ['es2022'],
  allowNonTsExtensions: true,
  checkJs: false,
});

export interface CodeEditorProps {
  text: Y.Text;
  awareness: Awareness;
  language: Language;
  readOnly: boolean;
  readOnlyMessage?: string;
  /** Receives the editor once created (for markers, jumping to lines, key bindings). */
  onReady?: (editor: monaco.editor.IStandaloneCodeEditor) => void;
}

let modelSeq = 0;

/** Monaco bound to a Y.Text with y-monaco: shared text, remote cursors and selections. */
export function CodeEditor({ text, awareness, language, readOnly, readOnlyMessage, onReady }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onReadyRef = useRef(onReady);
  useEffect(() => {
    onReadyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    const ext = language === 'typescript' ? 'ts' : 'js';
    const model = monaco.editor.createModel('', language, monaco.Uri.parse(`file:///solution-${++modelSeq}.${ext}`));
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const editor = monaco.editor.create(host.current!, {
      model,
      theme: 'vs-dark',
      automaticLayout: true,
      fontSize: 14,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      renderWhitespace: 'selection',
      fixedOverflowWidgets: true,
      padding: { top: 20 },
    });
    editorRef.current = editor;
    const binding = new MonacoBinding(text, model, new Set([editor]), awareness);
    const detachStyles = attachRemoteCursorStyles(awareness);
    onReadyRef.current?.(editor);
    return () => {
      detachStyles();
      binding.destroy();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The language is applied below without recreating the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, awareness]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    editorRef.current?.updateOptions({
      readOnly,
      readOnlyMessage: readOnlyMessage ? { value: readOnlyMessage } : undefined,
    });
  }, [readOnly, readOnlyMessage]);

  return <div className="code-editor" ref={host} data-testid="code-editor" />;
}
