import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{t as a}from"./action-LCEVKZDS.js";import"./action-VV4HXBJJ.js";import"./action-WE43C7SO.js";import"./action-PNLNJ667.js";import"./action-JSLKGNXZ.js";import"./action-TI2DZLDP.js";import"./action-QVFHDSOQ.js";import"./action-N4VZI3XM.js";export{a as runTest};
//# sourceMappingURL=action-VERNJJ7W.js.map
