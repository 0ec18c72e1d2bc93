import type { Awareness } from 'y-protocols/awareness';

/** A CSS string literal for `content:`; quotes, backslashes and line breaks escaped. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The CSS that gives one remote client's selection and cursor its colour and name label. */
export function remoteCursorCss(clientId: number, name: string, color: string): string {
  const safeColor = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#888888';
  return `
.yRemoteSelection-${clientId} { background-color: ${rgba(safeColor, 0.28)}; }
.yRemoteSelectionHead-${clientId} { border-left: 2px solid ${safeColor}; }
.yRemoteSelectionHead-${clientId}::after { content: ${cssString(name)}; background: ${safeColor}; }
`;
}

/**
 * Keep a <style> element in sync with awareness: y-monaco only adds class names with the client
 * id, and a remote cursor is invisible until they are styled.
 */
export function attachRemoteCursorStyles(awareness: Awareness): () => void {
  const style = document.createElement('style');
  style.dataset.duet = 'remote-cursors';
  document.head.appendChild(style);
  const update = () => {
    let css = '';
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const user = state.user as { name?: unknown; color?: unknown } | undefined;
      if (typeof user?.name !== 'string') return;
      css += remoteCursorCss(clientId, user.name, typeof user.color === 'string' ? user.color : '#888888');
    });
    // textContent: names are never parsed as HTML.
    style.textContent = css;
  };
  awareness.on('change', update);
  update();
  return () => {
    awareness.off('change', update);
    style.remove();
  };
}
