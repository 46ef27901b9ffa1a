import pkg from '../package.json' with { type: 'json' };

/** The package version, bundled into dist/ at build time. */
export const TOOL_VERSION: string = pkg.version;
