import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
//# sourceMappingURL=chunk-YLEU7AZE.js.map
