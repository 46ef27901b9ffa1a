import { type SecretRegistry } from './registry.ts';
/** Every header value but those of plain headers; a `Cookie` header's values one by one as well. */
export declare function registerHeaderSecrets(headers: Readonly<Record<string, string>>, registry?: SecretRegistry): void;
/** The credentials and query values of a URL (tokens ride in either), and the Basic token they make. */
export declare function registerUrlSecrets(url: string | undefined, registry?: SecretRegistry): void;
/**
 * The URL as results and messages may show it: user, password and every query value replaced by
 * `***`, no fragment. Text that is not a URL keeps only what cannot be a credential.
 */
export declare function redactUrl(text: string): string;
