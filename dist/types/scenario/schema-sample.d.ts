/** Draws one value valid against the schema it was compiled from; `rng` is uniform on [0, 1). */
export type SchemaSampler = (rng: () => number) => unknown;
/** A schema feature the sampler cannot honour (a `pattern`, an unresolvable `$ref`): names it and where. */
export declare class SchemaSampleError extends Error {
    readonly name = "SchemaSampleError";
}
/**
 * Compiles a JSON Schema (the subset tools' input schemas use: type, enum, const, numeric and length
 * bounds, format, items, properties, required, anyOf/oneOf/allOf, local $ref) into a sampler, once,
 * so drawing a value is cheap. Optional properties are left out, so the server's defaults apply.
 * Throws SchemaSampleError for what it cannot honour, rather than draw invalid values.
 */
export declare function compileSchemaSampler(schema: unknown): SchemaSampler;
/** A version 4 UUID drawn from the rng. */
export declare function uuid(rng: () => number): string;
