import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{randomBytes as n}from"node:crypto";var o=/^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-0[01]$/;function s(t){for(;;){let e=n(24).toString("hex"),r=`00-${e.slice(0,32)}-${e.slice(32)}-${t?"01":"00"}`;if(o.test(r))return r}}function c(t){return t.slice(3,35)}export{s as a,c as b};
//# sourceMappingURL=chunk-XKOJIYWO.js.map
