import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as u,e as d}from"./chunk-E2MWGKE6.js";import{a}from"./chunk-ALZICI6P.js";import"./chunk-NWW2LWSH.js";import"./chunk-KLYAEHDZ.js";import"./chunk-UN4AHSW3.js";import{d as m}from"./chunk-SDWNQPYM.js";import"./chunk-JFRCIOEH.js";import"./chunk-NMMU47IN.js";import"./chunk-GW5BTTNX.js";import{r as n,t as s}from"./chunk-SISGI4SP.js";import"./chunk-3UAANYCO.js";import"./chunk-M4CLNH2F.js";import"./chunk-JCC3PHEN.js";async function h(r){let o=[];for(let i of r.files)o.push({file:i,result:await n(i)});let e=s(o),t=await a(r.outDir,e);return r.out(`
${m(e)}
`),r.out(`merged ${e.mergedShards} shards; written: ${t.result}, ${t.html}, ${t.markdown}
`),d(e,r.err)?u:0}export{h as runMergeCommand};
//# sourceMappingURL=chunk-HZ6PKXI2.js.map
