import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as I}from"./chunk-SRWKA5AL.js";import{a as E,b as P,c as b}from"./chunk-Z5P2IXSW.js";import{c as x}from"./chunk-VKPJSFIK.js";import{b as k,c as D,d as V,i as _,j as C}from"./chunk-B7KQCAV7.js";import{u as R}from"./chunk-GYDU4N6J.js";import{a as v,b as $}from"./chunk-T2KX4EZP.js";import{A as S,C as y,N as l,a as g,b as d,e as p,ga as O,v as h,w}from"./chunk-4KZGTYBD.js";import{writeFile as j}from"node:fs/promises";var M=1;function W(r,t={}){return{summaryVersion:M,generator:`mcp-load ${g}`,scenario:{id:r.scenario.id,file:r.scenario.file,hash:r.scenario.hash},startedAt:r.startedAt,endedAt:r.endedAt,...k(r,t)}}async function J(r,t,o,n={}){let e=d.redact(JSON.stringify(W(t,n),null,2));if(typeof r!="string")return r(e),!0;try{return await j(r,`${e}
`),!0}catch(s){return o(`mcp-load: --summary-json ${r}: cannot write it: ${s.message}
`),!1}}var U=99,L=130,q=1,H=1e4;async function fr(r){let t=r.env??{},o={target:r.target,shardCount:r.shard?.count,env:{...process.env,...t},variables:h([...r.allowEnv??[],...Object.keys(t)]),...r.overrides?{overrides:r.overrides}:{}},n=await w(r.file,o);await P(r.outDir);for(let i of r.outputs??[])p(i.target);r.shard&&y(n,r.shard);let e=i=>r.err(`no target in ${r.file}: running against the embedded demo server at ${i}
`),s=()=>r.err(`
stopping: running iterations may finish (gracefulStop); press Ctrl-C again to stop now
`);return I(n.target,e,i=>v(s,m=>X(n,o,i,m,r)))}async function X(r,t,o,n,e){let s=e.shard;s&&e.err(`shard ${S(s)}: running this slice of ${e.file}; merge the shards' results with mcp-load merge
`);let i=Y(r,e),m=await x(e.outputs??[],r.id),A=K(e),T=a=>{A?.(a),B(m,a)},f;try{f=await R(r,{url:o,...n,onProgress:T,onWarning:c=>e.err(`mcp-load: warning: ${c}
`),...s?{shard:s}:{},workers:i,load:t})}catch(a){if(!(a instanceof O))throw a;return e.err(`mcp-load: ${a.message}
`),L}!e.quiet&&e.interactive&&e.err(`
`);let u=d.redactDeep(f);e.out(`
${l(d.redact(V(u)))}
`);let F=await G(u,e),N=e.summaryJson===void 0||await J(e.summaryJson,u,e.err);for(let a of m)for(let c of await a.finish(u))e.out(`${l(d.redact(c))}
`);return u.interrupted==="signal"?L:z(u,e.err)?U:F&&N?0:q}function Y(r,t){let{asked:o,workers:n}=$(r,t.workers,t.shard);return o!==void 0&&n<o&&t.err(`workers: ${o} asked for, ${n} used: the load splits into at most ${n} slice${n===1?"":"s"} (one VU, or one iteration per time unit, each)
`),n}async function G(r,t){let{writeReportFiles:o}=await import("./chunk-ULFU3V5K.js");try{let n=await o(t.outDir,r);return t.out(`written: ${n.result}, ${n.html}, ${n.markdown}
`),!0}catch(n){let e=await b(),s=n instanceof E?n.message:`${t.outDir}: ${n.message}`;t.err(`mcp-load: could not write the results: ${s}
mcp-load: writing them to ${e} instead
`);let i=await o(e,r);return t.out(`written: ${i.result}, ${i.html}, ${i.markdown}
`),!1}}function z(r,t){let o=r.thresholds.filter(e=>!e.ok);o.length>0&&t(`mcp-load: thresholds failed: ${o.map(e=>`${e.key} ${e.source}${e.default?" (default)":""}`).join(", ")}
`);let n=r.findings.find(e=>e.id==="internal-error");return n&&t(`mcp-load: ${n.statement}
`),D(r)}function B(r,t){if(r.length===0)return;let o={timeMs:Date.now(),vus:t.vus,totalCalls:t.totalCalls,totalErrors:t.totalErrors,callsPerSecond:t.callsPerSecond,errorsPerSecond:t.errorsPerSecond};for(let n of r)n.sample?.(o)}function K(r){if(!r.quiet)return r.interactive?t=>r.err(`\r\x1B[2K${_(t)}`):C(t=>r.err(`${t}
`),H)}export{U as a,L as b,q as c,fr as d,z as e};
//# sourceMappingURL=chunk-4Z3UY3CB.js.map
