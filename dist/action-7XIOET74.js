import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{r as a,s as b,t as c,u as d,v as e}from"./action-TJHEEBNQ.js";import"./action-47A4UGZE.js";import"./action-DJYV3CU7.js";import"./action-N4VZI3XM.js";export{a as buildResult,e as publicUrl,b as resultOfRecord,d as thresholdOutcomes,c as viewsOf};
//# sourceMappingURL=action-7XIOET74.js.map
