import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a}from"./chunk-ALZICI6P.js";import"./chunk-KLYAEHDZ.js";import"./chunk-SDWNQPYM.js";import"./chunk-JFRCIOEH.js";import"./chunk-NMMU47IN.js";import"./chunk-SISGI4SP.js";import"./chunk-3UAANYCO.js";import"./chunk-M4CLNH2F.js";import"./chunk-JCC3PHEN.js";export{a as writeReportFiles};
//# sourceMappingURL=chunk-HTHLKCAT.js.map
