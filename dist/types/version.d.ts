/** The package version, bundled into dist/ at build time. */
export declare const TOOL_VERSION: string;
