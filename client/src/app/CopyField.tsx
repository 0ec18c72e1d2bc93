import { useState } from 'react';

/** A read-only link with a one-click Copy button. */
export function CopyField({
  label,
  value,
  testId,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard blocked (http, permissions): select the text so Ctrl+C works.
      const input = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
      input?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="copy-field">
      <label>
        <span className="copy-label">{label}</span>
        <div className="copy-row">
          <input readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={copy} data-testid={`${testId}-copy`}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </label>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
