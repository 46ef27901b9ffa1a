import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a,b}from"./chunk-WSCXPAHD.js";import"./chunk-JCC3PHEN.js";export{b as JunitOutput,a as renderJunit};
//# sourceMappingURL=chunk-K2PMNDNZ.js.map
