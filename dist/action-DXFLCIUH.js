import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{r as a,s as b,t as c,u as d,v as e}from"./action-7PCTE3GA.js";import"./action-UUULJQMI.js";import"./action-ZCILN5CU.js";import"./action-7RYVLAZP.js";export{a as buildResult,e as publicUrl,b as resultOfRecord,d as thresholdOutcomes,c as viewsOf};
//# sourceMappingURL=action-DXFLCIUH.js.map
