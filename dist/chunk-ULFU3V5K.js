import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a}from"./chunk-46SR6JWS.js";import"./chunk-Z5P2IXSW.js";import"./chunk-B7KQCAV7.js";import"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import"./chunk-GYDU4N6J.js";import"./chunk-T2KX4EZP.js";import"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";export{a as writeReportFiles};
//# sourceMappingURL=chunk-ULFU3V5K.js.map
