import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{w as a}from"./action-4OZAYIHD.js";import"./action-TJ2UDACW.js";import"./action-I3SVIISQ.js";import"./action-JSLKGNXZ.js";import"./action-N4VZI3XM.js";export{a as runTest};
//# sourceMappingURL=action-LYHGMX5N.js.map
