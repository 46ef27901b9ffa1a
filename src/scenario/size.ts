/** Bytes per unit: SI (kB, MB, GB) and binary (KiB, MiB, GiB). */
const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

export const SIZE_HINT = 'bytes, or a number with B, kB, MB, GB, KiB, MiB or GiB, e.g. 16MiB';

/** `16MiB` → 16777216; a plain integer is bytes. Undefined when it is not a size. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(value.trim());
  const unit = match && UNIT_BYTES[match[2]];
  if (!match || !unit) return undefined;
  return Math.round(Number(match[1]) * unit);
}
