import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as u,e as d}from"./chunk-4Z3UY3CB.js";import{a}from"./chunk-46SR6JWS.js";import"./chunk-SRWKA5AL.js";import"./chunk-Z5P2IXSW.js";import"./chunk-VKPJSFIK.js";import{d as m}from"./chunk-B7KQCAV7.js";import"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import"./chunk-WSCXPAHD.js";import{r as n,t as s}from"./chunk-GYDU4N6J.js";import"./chunk-T2KX4EZP.js";import"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";async function h(r){let o=[];for(let i of r.files)o.push({file:i,result:await n(i)});let e=s(o),t=await a(r.outDir,e);return r.out(`
${m(e)}
`),r.out(`merged ${e.mergedShards} shards; written: ${t.result}, ${t.html}, ${t.markdown}
`),d(e,r.err)?u:0}export{h as runMergeCommand};
//# sourceMappingURL=chunk-TYQAGMYJ.js.map
