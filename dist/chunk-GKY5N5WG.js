import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a}from"./chunk-ZEUUCRRM.js";import"./chunk-Z5P2IXSW.js";import"./chunk-GYZRUXD6.js";import"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import"./chunk-7P3RYB6C.js";import"./chunk-KLHLSXDR.js";import"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";export{a as writeReportFiles};
//# sourceMappingURL=chunk-GKY5N5WG.js.map
