// snappyjs ships no types: the two functions used, as its README documents them.
declare module 'snappyjs' {
  /** Snappy block format; returns the type it was given (Uint8Array, Buffer or ArrayBuffer). */
  export function compress<T extends Uint8Array | ArrayBuffer>(input: T): T;
  export function uncompress<T extends Uint8Array | ArrayBuffer>(input: T, maxLength?: number): T;
  const snappy: { compress: typeof compress; uncompress: typeof uncompress };
  export default snappy;
}
