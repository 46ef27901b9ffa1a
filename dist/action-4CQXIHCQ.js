import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{r as a,s as b,t as c,u as d,v as e}from"./action-HWUCOUWW.js";import"./action-BFOGBY6Q.js";import"./action-327CNRRG.js";import"./action-N4VZI3XM.js";export{a as buildResult,e as publicUrl,b as resultOfRecord,d as thresholdOutcomes,c as viewsOf};
//# sourceMappingURL=action-4CQXIHCQ.js.map
