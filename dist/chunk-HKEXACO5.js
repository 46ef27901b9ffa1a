import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{b as o}from"./chunk-XKOJIYWO.js";var d=10,a=class{kept=[];offer(e,r,s){if(!r.endsWith("-01"))return;let t=this.kept;if(t.length<d){t.push({tool:e,traceId:o(r),durationMs:s});return}let i=0;for(let n=1;n<t.length;n++)t[n].durationMs<t[i].durationMs&&(i=n);s>t[i].durationMs&&(t[i]={tool:e,traceId:o(r),durationMs:s})}toJSON(){return[...this.kept].sort((e,r)=>r.durationMs-e.durationMs)}};export{d as a,a as b};
//# sourceMappingURL=chunk-HKEXACO5.js.map
