/** ` (did you mean "x"?)` for the closest candidate by edit distance, or '' when none is close. */
export declare function didYouMean(name: string, candidates: Iterable<string>): string;
export declare function closest(name: string, candidates: Iterable<string>): string | undefined;
/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("exectuor"). */
export declare function editDistance(a: string, b: string): number;
