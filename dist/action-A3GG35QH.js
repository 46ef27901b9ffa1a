import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{r as a,s as b,t as c,u as d,v as e}from"./action-XEW6I2RQ.js";import"./action-GIRCHLOC.js";import"./action-ZCILN5CU.js";import"./action-7RYVLAZP.js";export{a as buildResult,e as publicUrl,b as resultOfRecord,d as thresholdOutcomes,c as viewsOf};
//# sourceMappingURL=action-A3GG35QH.js.map
