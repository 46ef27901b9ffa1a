export declare function isFramingHeader(name: string): boolean;
