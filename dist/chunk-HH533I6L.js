import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{createRequire as e}from"node:module";var i;function n(){return i??=e(import.meta.url)("./undici.cjs"),i}export{n as a};
//# sourceMappingURL=chunk-HH533I6L.js.map
