import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{e as o}from"./chunk-VMZRZMGZ.js";function n(r){let t=r.warmingUp?" warm-up":"",s=r.totalMs>0?Math.min(100,Math.floor(r.elapsedMs/r.totalMs*100)):0;return`running${t} ${o(r.elapsedMs)}/${o(r.totalMs)} (${s}%)  vus=${r.vus}  calls/s=${r.callsPerSecond}  calls=${r.totalCalls}  errors=${r.totalErrors}`}function a(r,t){let s=-1/0;return e=>{e.elapsedMs-s<t||(s=e.elapsedMs,r(n(e)))}}export{n as a,a as b};
//# sourceMappingURL=chunk-TRYHHEME.js.map
