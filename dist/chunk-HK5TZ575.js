import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a,b}from"./chunk-555WVDMY.js";import"./chunk-BU5F7SFM.js";import"./chunk-Z2AQCEI7.js";import"./chunk-TPMLUHI6.js";import"./chunk-YLEU7AZE.js";import"./chunk-XNL3FZZB.js";import"./chunk-LFLX5AME.js";import"./chunk-JCC3PHEN.js";export{a as WorkerError,b as runInWorkers};
//# sourceMappingURL=chunk-HK5TZ575.js.map
