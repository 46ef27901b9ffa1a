import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{P as t}from"./action-DJYV3CU7.js";function m(e){let{registry:r,timeSeries:i,...o}=e;return{...o,metrics:t(r,e.endedAt),timeSeries:i.toJSON()}}export{m as a};
//# sourceMappingURL=action-47A4UGZE.js.map
