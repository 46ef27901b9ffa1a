/** mulberry32: a small seeded generator, uniform on [0, 1), so that draws are reproducible to the last digit. */
export declare function seededRandom(seed: number): () => number;
