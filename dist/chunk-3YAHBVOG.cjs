var __mcpLoadImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
//# sourceMappingURL=chunk-3YAHBVOG.cjs.map
