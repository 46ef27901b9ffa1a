import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-CKP5DWKP.js";import"./chunk-VD2BEJ5X.js";import"./chunk-JCC3PHEN.js";export{a as ResultFileError,c as readResult,b as writeResult};
//# sourceMappingURL=chunk-4KGOATNL.js.map
