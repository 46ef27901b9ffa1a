var __mcpLoadImportMetaUrl = /^\/[\w./-]*$/.test(__filename) && !/\/(\.\.?)?(\/|$)/.test(__filename) ? 'file://' + __filename : require('node:url').pathToFileURL(__filename).href;
"use strict";
//# sourceMappingURL=chunk-6C3BTPNA.cjs.map
