import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{w as a}from"./action-NKFG7MIM.js";import"./action-4JUU62NJ.js";import"./action-327CNRRG.js";import"./action-JSLKGNXZ.js";import"./action-N4VZI3XM.js";export{a as runTest};
//# sourceMappingURL=action-23D2SEBK.js.map
