import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{r as a,s as b,t as c,u as d,v as e}from"./action-QFAD3SL4.js";import"./action-A2TWPKUE.js";import"./action-IPKXWVWB.js";import"./action-7RYVLAZP.js";export{a as buildResult,e as publicUrl,b as resultOfRecord,d as thresholdOutcomes,c as viewsOf};
//# sourceMappingURL=action-S5UJRNHL.js.map
