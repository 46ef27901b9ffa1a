import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a}from"./chunk-EX6GTS5N.js";import"./chunk-Z5P2IXSW.js";import"./chunk-46B5N6IL.js";import"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import"./chunk-PUGTI2EW.js";import"./chunk-KLHLSXDR.js";import"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";export{a as writeReportFiles};
//# sourceMappingURL=chunk-WTXJLMX3.js.map
