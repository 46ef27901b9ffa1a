import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{t as a}from"./action-OESSCJRK.js";import"./action-VV4HXBJJ.js";import"./action-WE43C7SO.js";import"./action-O65WUQPR.js";import"./action-JSLKGNXZ.js";import"./action-2OMOMONU.js";import"./action-D7TSPKNJ.js";import"./action-N4VZI3XM.js";export{a as runTest};
//# sourceMappingURL=action-GWGN22YH.js.map
