var __mcpLoadImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
//# sourceMappingURL=chunk-6C3BTPNA.cjs.map
