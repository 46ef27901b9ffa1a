import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as L}from"./chunk-SRWKA5AL.js";import{a as P,b,c as k}from"./chunk-Z5P2IXSW.js";import{c as x}from"./chunk-TWNMNKBO.js";import{b as C,c as D,d as V,i as _,j as I}from"./chunk-GYZRUXD6.js";import{u as E}from"./chunk-7P3RYB6C.js";import{a as $,b as v,c as R}from"./chunk-KLHLSXDR.js";import{A as y,C as l,N as f,a as p,b as d,e as h,ga as O,v as w,w as S}from"./chunk-4KZGTYBD.js";import{writeFile as j}from"node:fs/promises";var M=1;function U(r,t={}){return{summaryVersion:M,generator:`mcp-load ${p}`,scenario:{id:r.scenario.id,file:r.scenario.file,hash:r.scenario.hash},startedAt:r.startedAt,endedAt:r.endedAt,...C(r,t)}}async function J(r,t,o,n={}){let e=d.redact(JSON.stringify(U(t,n),null,2));if(typeof r!="string")return r(e),!0;try{return await j(r,`${e}
`),!0}catch(s){return o(`mcp-load: --summary-json ${r}: cannot write it: ${s.message}
`),!1}}var q=99,A=130,H=1,X=1e4;async function gr(r){let t=r.env??{},o={target:r.target,shardCount:r.shard?.count,env:{...process.env,...t},variables:w([...r.allowEnv??[],...Object.keys(t)]),...r.overrides?{overrides:r.overrides}:{}},n=await S(r.file,o);await b(r.outDir);for(let i of r.outputs??[])h(i.target);r.shard&&l(n,r.shard);let e=i=>r.err(`no target in ${r.file}: running against the embedded demo server at ${i}
`),s=()=>r.err(`
stopping: running iterations may finish (gracefulStop); press Ctrl-C again to stop now
`);return L(n.target,e,i=>$(s,m=>Y(n,o,i,m,r)))}async function Y(r,t,o,n,e){let s=e.shard;s&&e.err(`shard ${y(s)}: running this slice of ${e.file}; merge the shards' results with mcp-load merge
`);let i=G(r,e),m=await x(e.outputs??[],r.id),T=Q(e),F=a=>{T?.(a),K(m,a)},g;try{g=await E(r,{url:o,...n,onProgress:F,onWarning:c=>e.err(`mcp-load: warning: ${c}
`),...s?{shard:s}:{},workers:i,load:t})}catch(a){if(!(a instanceof O))throw a;return e.err(`mcp-load: ${a.message}
`),A}!e.quiet&&e.interactive&&e.err(`
`);let u=d.redactDeep(g);e.out(`
${f(d.redact(V(u)))}
`);let N=await z(u,e),W=e.summaryJson===void 0||await J(e.summaryJson,u,e.err);for(let a of m)for(let c of await a.finish(u))e.out(`${f(d.redact(c))}
`);return u.interrupted==="signal"?A:B(u,e.err)?q:N&&W?0:H}function G(r,t){let o=t.workers??r.workers,n=t.shard?l(r,t.shard):r,e=R(o??v(r.target===void 0),n);return o!==void 0&&e<o&&t.err(`workers: ${o} asked for, ${e} used: the load splits into at most ${e} slice${e===1?"":"s"} (one VU, or one iteration per time unit, each)
`),e}async function z(r,t){let{writeReportFiles:o}=await import("./chunk-GKY5N5WG.js");try{let n=await o(t.outDir,r);return t.out(`written: ${n.result}, ${n.html}, ${n.markdown}
`),!0}catch(n){let e=await k(),s=n instanceof P?n.message:`${t.outDir}: ${n.message}`;t.err(`mcp-load: could not write the results: ${s}
mcp-load: writing them to ${e} instead
`);let i=await o(e,r);return t.out(`written: ${i.result}, ${i.html}, ${i.markdown}
`),!1}}function B(r,t){let o=r.thresholds.filter(e=>!e.ok);o.length>0&&t(`mcp-load: thresholds failed: ${o.map(e=>`${e.key} ${e.source}${e.default?" (default)":""}`).join(", ")}
`);let n=r.findings.find(e=>e.id==="internal-error");return n&&t(`mcp-load: ${n.statement}
`),D(r)}function K(r,t){if(r.length===0)return;let o={timeMs:Date.now(),vus:t.vus,totalCalls:t.totalCalls,totalErrors:t.totalErrors,callsPerSecond:t.callsPerSecond,errorsPerSecond:t.errorsPerSecond};for(let n of r)n.sample?.(o)}function Q(r){if(!r.quiet)return r.interactive?t=>r.err(`\r\x1B[2K${_(t)}`):I(t=>r.err(`${t}
`),X)}export{q as a,A as b,H as c,gr as d,B as e};
//# sourceMappingURL=chunk-OGSJI5HP.js.map
