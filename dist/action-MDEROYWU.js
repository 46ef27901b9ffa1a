import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{t as a}from"./action-XPEVZ2YM.js";import"./action-7DFBZHDV.js";import"./action-WMMOCTSY.js";import"./action-A2TWPKUE.js";import"./action-2VGKRIXO.js";import"./action-IPKXWVWB.js";import"./action-7RYVLAZP.js";export{a as runTest};
//# sourceMappingURL=action-MDEROYWU.js.map
