var __mcpLoadImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
//# sourceMappingURL=chunk-I5LRX6DP.cjs.map
