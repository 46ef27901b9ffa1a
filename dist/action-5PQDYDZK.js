import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{w as a}from"./action-ZSGPU744.js";import"./action-HE34YT6M.js";import"./action-DJYV3CU7.js";import"./action-JSLKGNXZ.js";import"./action-N4VZI3XM.js";export{a as runTest};
//# sourceMappingURL=action-5PQDYDZK.js.map
