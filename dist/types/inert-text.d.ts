/** The text with every control character and bidi override written as a visible escape (`\x1b`, `\u202e`). */
export declare function inertText(text: string): string;
