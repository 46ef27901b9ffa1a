import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as c,c as r}from"./chunk-JCC3PHEN.js";var o=r(e=>{"use strict";Object.defineProperty(e,"__esModule",{value:!0});e.execFileAsync=e.execAsync=void 0;var i=c("child_process"),s=c("util");e.execAsync=s.promisify(i.exec);e.execFileAsync=s.promisify(i.execFile)});export{o as a};
//# sourceMappingURL=chunk-ILNY3WJE.js.map
