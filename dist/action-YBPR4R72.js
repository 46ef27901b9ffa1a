import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
var e=class extends Error{name="TargetNotReadyError"},r=class extends Error{name="WaitInterruptedError"};export{e as a,r as b};
//# sourceMappingURL=action-YBPR4R72.js.map
