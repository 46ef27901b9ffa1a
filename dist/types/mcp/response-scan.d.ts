/**
 * Tells, without building the reply's objects, whether a JSON-RPC message is the plain successful
 * answer to request `id`: one object, `"jsonrpc":"2.0"`, `"id"` written exactly as `id`, a
 * `"result"` object whose own `isError` is absent or `false`, no `error` and no `method`. The whole
 * text is validated as JSON on the way (what `JSON.parse` refuses, this refuses).
 *
 * Used when nothing reads the result of a call (no check reads it): its outcome is all that
 * counts. Any other shape (a batch, an error, `isError` not plainly false, a duplicate or escaped
 * key among those, an id written another way, a message that is not ours) answers false, and the
 * caller parses the text whole as before: the scan can only confirm the common case, never decide
 * another one.
 */
export declare function isPlainSuccess(text: string, id: number): boolean;
