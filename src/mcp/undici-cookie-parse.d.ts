// undici's Set-Cookie parser on its own (undici has no `exports` map, its files are importable):
// the package's front door would load all of undici for it (see src/undici.ts).
declare module 'undici/lib/web/cookies/parse.js' {
  import type { Cookie } from 'undici';
  export function parseSetCookie(header: string): Cookie | null;
}
