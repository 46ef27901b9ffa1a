import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{t as a}from"./action-743RXJYY.js";import"./action-7DFBZHDV.js";import"./action-WMMOCTSY.js";import"./action-GIRCHLOC.js";import"./action-FWGXY4MZ.js";import"./action-ZCILN5CU.js";import"./action-7RYVLAZP.js";export{a as runTest};
//# sourceMappingURL=action-4YVD6DNS.js.map
