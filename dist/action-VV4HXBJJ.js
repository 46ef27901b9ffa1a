import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as n}from"./action-N4VZI3XM.js";var e=class extends Error{name="TargetNotReadyError"},o=class extends Error{name="WaitInterruptedError"};var a,t=()=>a??=n("node:child_process");function d(...r){return t().spawn(...r)}function p(...r){return t().fork(...r)}export{d as a,p as b,e as c,o as d};
//# sourceMappingURL=action-VV4HXBJJ.js.map
