import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
var n=new Set(["content-length","transfer-encoding","connection","keep-alive","upgrade","te","trailer"]);function r(e){return n.has(e.toLowerCase())}var t=["2026-07-28"],o=["2025-11-25","2025-06-18","2025-03-26","2024-11-05"],s=[...t,...o];export{r as a,t as b,o as c,s as d};
//# sourceMappingURL=chunk-BQDOU4VH.js.map
