export interface AuthHttpReply {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
}
/** Thrown for discovery and token-endpoint failures; its message names the URL (origin and path) and never a secret. */
export declare class AuthError extends Error {
    readonly name = "AuthError";
    /** `discovery`: the authorization server could not be found; `token`: the token endpoint refused or failed. */
    readonly stage: 'discovery' | 'token';
    constructor(stage: 'discovery' | 'token', message: string);
}
/** One bounded request of the authorization flow (metadata, token); not on the MCP hot path. */
export declare function authRequest(url: URL, init: {
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    timeoutMs: number;
}): Promise<AuthHttpReply>;
/** A JSON object from a reply, or undefined when it is not one. */
export declare function jsonObject(reply: AuthHttpReply): Record<string, unknown> | undefined;
