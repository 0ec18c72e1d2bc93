import { describe, expect, it } from 'vitest';
import { cssString, remoteCursorCss } from './remote-cursors';

describe('remote cursor CSS', () => {
  it('escapes names so they cannot break out of the content string', () => {
    expect(cssString('Ada "the" \\ Lovelace\n')).toBe('"Ada \\"the\\" \\\\ Lovelace "');
    const css = remoteCursorCss(42, '"; } body { display: none; } .x { content: "', '#ff0000');
    // The only unescaped quotes are the two delimiting the label.
    const label = /content: (".*");/.exec(css)![1]!;
    expect(label.replace(/\\"/g, '').match(/"/g)).toHaveLength(2);
  });

  it('refuses colours that are not #rrggbb', () => {
    expect(remoteCursorCss(1, 'x', 'red; background: url(evil)')).not.toContain('evil');
  });
});
