import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{t as a}from"./action-WA2SDU6J.js";import"./action-YBPR4R72.js";import"./action-WMMOCTSY.js";import"./action-22476TVD.js";import"./action-7PP3PGGP.js";import"./action-KLYKVYQO.js";import"./action-7RYVLAZP.js";export{a as runTest};
//# sourceMappingURL=action-T7UKBPJD.js.map
