import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
//# sourceMappingURL=chunk-MJRTK642.js.map
