import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a,b}from"./chunk-GW5BTTNX.js";import"./chunk-JCC3PHEN.js";export{b as JunitOutput,a as renderJunit};
//# sourceMappingURL=chunk-IPW7GR3W.js.map
