import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{b as p,f as l,j as g,k as y,l as w}from"./chunk-F4CJC7BU.js";import"./chunk-NMMU47IN.js";import{p as f,r as h}from"./chunk-GYDU4N6J.js";import"./chunk-T2KX4EZP.js";import"./chunk-4KZGTYBD.js";import"./chunk-JCC3PHEN.js";import{readdir as j,stat as x}from"node:fs/promises";import{basename as F,join as E}from"node:path";var S=4;async function O(t){let{history:n,skipped:r}=await R(t.dir);if(n.runs.length===0)return t.out(`mcp-load: no result files (result.json) or history.json under ${t.dir}
`),1;t.out(`${b(n)}
`),r.length>0&&t.out(`
left out: ${r.join("; ")}
`);let o=w(n);return t.out(o.length===0?`
no change point in ${n.runs.length} runs (E-divisive means, permutation test at p < 0.01, shifts of 5 % or more)
`:`
${o.map(i=>`${i.severity==="warning"?"\u26A0":"\u2139"} ${i.statement}
    ${i.evidence.join("; ")}`).join(`
`)}
`),0}async function R(t,n){let r=[],o=new Map,i=[];for(let s of await H(t,0)){if(F(s)==="history.json"){let e=await g(s);for(let m of e.runs)r.push(m),o.set(m,m.fingerprint.scenarioHash);continue}try{let e=await h(s),m=p(e,l(e.scenario.echo.regression??{}).windowMs);r.push(m),o.set(m,e.scenario.hash)}catch(e){if(!(e instanceof f))throw e;i.push(`${s} (${e.message.split(`
`)[0]})`)}}r.sort((s,e)=>s.date.localeCompare(e.date));let a=r.filter((s,e)=>e===0||s.date!==r[e-1].date||s.sha!==r[e-1].sha),u=a.at(-1),d=n?n.scenario.hash:u?o.get(u):void 0;if(n){let s=a.findIndex(e=>e.date===n.startedAt&&e.sha===n.environment.git?.sha);s>=0&&a.splice(s,1)}let c=a.filter(s=>o.get(s)!==d).length;return c>0&&i.push(`${c} run(s) of another workload (scenario changed)`),{history:{schemaVersion:1,runs:a.filter(s=>o.get(s)===d)},skipped:i}}async function H(t,n){let r=await x(t).catch(()=>{});if(r?.isFile())return[t];if(!r?.isDirectory()||n>S)return[];let o=[];for(let i of await j(t,{withFileTypes:!0})){let a=E(t,i.name);i.isDirectory()?o.push(...await H(a,n+1)):(i.name==="result.json"||i.name==="history.json")&&o.push(a)}return o}function b(t){let n=y(t),r=["run","date","commit",...n.map(u=>u.id)],o=t.runs.map((u,d)=>[String(d+1),u.date.slice(0,16).replace("T"," "),u.sha?.slice(0,7)??"-",...n.map(c=>k(c.values[d],c.unit))]),i=[r,...o],a=r.map((u,d)=>Math.max(...i.map(c=>c[d].length)));return i.map(u=>u.map((d,c)=>c<3?d.padEnd(a[c]):d.padStart(a[c])).join("  ").trimEnd()).join(`
`)}function k(t,n){return t===null||!Number.isFinite(t)?"-":n==="ms"?`${t.toFixed(1)}ms`:n==="percent"?`${(t*100).toFixed(2)}%`:n==="perSecond"?`${t.toFixed(1)}/s`:n==="tokens"?t.toFixed(1):t.toFixed(2)}export{R as collectHistory,O as runHistoryCommand};
//# sourceMappingURL=chunk-DOSGL7ZG.js.map
