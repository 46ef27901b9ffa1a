import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as m}from"./chunk-EWVRCZZW.js";import{a as p,b as y,c as w}from"./chunk-TWRK57BX.js";import{a as l,c}from"./chunk-Z5P2IXSW.js";import{a as R}from"./chunk-AR26E4PG.js";import{a}from"./chunk-3MBPHH3Q.js";import{c as s}from"./chunk-QAJWJYWQ.js";import{n as d,o as f}from"./chunk-TLHSGP3Y.js";import{a as u}from"./chunk-JK6QYT2A.js";import{writeFile as E}from"node:fs/promises";var O=1;function S(r,e={}){return{summaryVersion:O,generator:`mcp-load ${u}`,scenario:{id:r.scenario.id,file:r.scenario.file,hash:r.scenario.hash},startedAt:r.startedAt,endedAt:r.endedAt,...d(r,e)}}async function h(r,e,t,n={}){let o=s.redact(JSON.stringify(S(e,n),null,2));if(typeof r!="string")return r(o),!0;try{return await E(r,`${o}
`),!0}catch(i){return t(`mcp-load: --summary-json ${r}: cannot write it: ${i.message}
`),!1}}async function P(r,e,t){let n=s.redactDeep(r);t.out(`
${a(s.redact(R(n)))}
`);let o=await x(n,t),i=t.summaryJson===void 0||await h(t.summaryJson,n,t.err);for(let $ of e)for(let g of await $.finish(n))t.out(`${a(s.redact(g))}
`);return n.interrupted==="signal"?130:I(n,t.err)?99:o&&i?0:1}async function x(r,e){try{let t=await m(e.outDir,r);return e.out(`written: ${t.result}, ${t.html}, ${t.markdown}
`),!0}catch(t){let n=await c(),o=t instanceof l?t.message:`${e.outDir}: ${t.message}`;e.err(`mcp-load: could not write the results: ${o}
mcp-load: writing them to ${n} instead
`);let i=await m(n,r);return e.out(`written: ${i.result}, ${i.html}, ${i.markdown}
`),!1}}function I(r,e){let t=r.thresholds.filter(o=>!o.ok);t.length>0&&e(`mcp-load: thresholds failed: ${t.map(o=>`${o.key} ${o.source}${o.default?" (default)":""}`).join(", ")}
`);let n=r.findings.find(o=>o.id==="internal-error");return n&&e(`mcp-load: ${n.statement}
`),f(r)}export{P as a,I as b};
//# sourceMappingURL=chunk-XBOCKQAD.js.map
