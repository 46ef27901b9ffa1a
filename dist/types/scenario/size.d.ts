export declare const SIZE_HINT = "bytes, or a number with B, kB, MB, GB, KiB, MiB or GiB, e.g. 16MiB";
/** `16MiB` → 16777216; a plain integer is bytes. Undefined when it is not a size. */
export declare function parseSize(value: unknown): number | undefined;
