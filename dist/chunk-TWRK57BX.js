import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
var E=99,o=130,t=1;export{E as a,o as b,t as c};
//# sourceMappingURL=chunk-TWRK57BX.js.map
