import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as g}from"./chunk-46SR6JWS.js";import{a as f}from"./chunk-SRWKA5AL.js";import{a as d}from"./chunk-E5F6IMVG.js";import"./chunk-Z5P2IXSW.js";import{e as l}from"./chunk-B7KQCAV7.js";import"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import"./chunk-GYDU4N6J.js";import{a as m}from"./chunk-T2KX4EZP.js";import{i as c,w as s}from"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";async function D(t){let r=await s(t.file,{target:t.target});r.scenarios.length>1&&t.err(`capacity: ${t.file} has ${r.scenarios.length} scenarios; the search loads the first, "${r.scenarios[0].name}"
`);let e=i=>t.err(`no target in ${t.file}: running against the embedded demo server at ${i}
`),u=()=>t.err(`
stopping: the running step may finish (gracefulStop); no further step starts
`),o=await f(r.target,e,i=>m(u,p=>d(r,i,p,t,y=>t.err(`${$(y)}
`)))),a=o.capacity,n=await g(t.outDir,o);return t.out(`
${l(a)}
`),t.out(`written: ${n.result}, ${n.html}, ${n.markdown}
`),a.verdict==="server-bound"||a.verdict==="not reached"?0:1}function $(t){let r=t.latencyMs===null?"n/a":`${t.latencyMs.toFixed(1)}ms`,e=t.held?"held":`broke: ${t.limit}`;return`capacity step ${t.rate}/s for ${c(t.durationMs)}: ${t.callsPerSecond.toFixed(1)} calls/s, ${t.latencyPercentile} ${r}, errors ${(t.errorRate*100).toFixed(2)} %, dropped ${t.dropped} \u2192 ${e}`}export{$ as formatStep,D as runCapacityCommand};
//# sourceMappingURL=chunk-ARMTYMQX.js.map
