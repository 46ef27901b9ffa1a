import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{b as t,c as i}from"./chunk-F7UXXBAH.js";import{c as d,f as n}from"./chunk-JCC3PHEN.js";var a=d(e=>{Object.defineProperty(e,"__esModule",{value:!0});e.getMachineId=void 0;var u=(i(),n(t));async function r(){u.diag.debug("could not read machine-id: unsupported platform")}e.getMachineId=r});export default a();
//# sourceMappingURL=chunk-XWRWZG2F.js.map
