// Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides: from a server,
// they could recolour, retitle or clear a terminal, or make text read otherwise than it is.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control character and bidi override written as a visible escape (`\x1b`, `\u202e`). */
export function inertText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
