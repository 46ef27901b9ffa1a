import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
var e=2;export{e as a};
//# sourceMappingURL=chunk-VD2BEJ5X.js.map
