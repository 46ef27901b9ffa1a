import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import"./chunk-MJRTK642.js";import{a as u,b as h}from"./chunk-37C47I2N.js";import"./chunk-NMMU47IN.js";import"./chunk-2WDG6KLZ.js";import"./chunk-SPXCWRA5.js";import{c as p,g as l,j as g}from"./chunk-WVQDYNQ7.js";import{a as y,c as w}from"./chunk-CKP5DWKP.js";import"./chunk-TPMLUHI6.js";import"./chunk-YLEU7AZE.js";import"./chunk-XNL3FZZB.js";import"./chunk-E6PSUVEN.js";import"./chunk-LFLX5AME.js";import"./chunk-VD2BEJ5X.js";import"./chunk-JCC3PHEN.js";import{readdir as j,stat as x}from"node:fs/promises";import{basename as F,join as E}from"node:path";var S=4;async function I(t){let{history:n,skipped:s}=await b(t.dir);if(n.runs.length===0)return t.out(`mcp-load: no result files (result.json) or history.json under ${t.dir}
`),1;t.out(`${k(n)}
`),s.length>0&&t.out(`
left out: ${s.join("; ")}
`);let o=h(n);return t.out(o.length===0?`
no change point in ${n.runs.length} runs (E-divisive means, permutation test at p < 0.01, shifts of 5 % or more)
`:`
${o.map(i=>`${i.severity==="warning"?"\u26A0":"\u2139"} ${i.statement}
    ${i.evidence.join("; ")}`).join(`
`)}
`),0}async function b(t,n){let s=[],o=new Map,i=[];for(let e of await $(t,0)){if(F(e)==="history.json"){let r=await g(e);for(let d of r.runs)s.push(d),o.set(d,d.fingerprint.scenarioHash);continue}try{let r=await w(e),d=p(r,l(r.scenario.echo.regression??{}).windowMs);s.push(d),o.set(d,r.scenario.hash)}catch(r){if(!(r instanceof y))throw r;i.push(`${e} (${r.message.split(`
`)[0]})`)}}s.sort((e,r)=>e.date.localeCompare(r.date));let a=s.filter((e,r)=>r===0||e.date!==s[r-1].date||e.sha!==s[r-1].sha),m=a.at(-1),f=n?n.scenario.hash:m?o.get(m):void 0;if(n){let e=a.findIndex(r=>r.date===n.startedAt&&r.sha===n.environment.git?.sha);e>=0&&a.splice(e,1)}let c=a.filter(e=>o.get(e)!==f).length;return c>0&&i.push(`${c} run(s) of another workload (scenario changed)`),{history:{schemaVersion:1,runs:a.filter(e=>o.get(e)===f)},skipped:i}}async function $(t,n){let s=await x(t).catch(()=>{});if(s?.isFile())return[t];if(!s?.isDirectory()||n>S)return[];let o=[];for(let i of await j(t,{withFileTypes:!0})){let a=E(t,i.name);i.isDirectory()?o.push(...await $(a,n+1)):(i.name==="result.json"||i.name==="history.json")&&o.push(a)}return o}function k(t){let n=u(t),s=["run","date","commit",...n.map(m=>m.id)],o=t.runs.map((m,f)=>[String(f+1),m.date.slice(0,16).replace("T"," "),m.sha?.slice(0,7)??"-",...n.map(c=>R(c.values[f],c.unit))]),i=[s,...o],a=s.map((m,f)=>Math.max(...i.map(c=>c[f].length)));return i.map(m=>m.map((f,c)=>c<3?f.padEnd(a[c]):f.padStart(a[c])).join("  ").trimEnd()).join(`
`)}function R(t,n){return t===null||!Number.isFinite(t)?"-":n==="ms"?`${t.toFixed(1)}ms`:n==="percent"?`${(t*100).toFixed(2)}%`:n==="perSecond"?`${t.toFixed(1)}/s`:n==="tokens"?t.toFixed(1):t.toFixed(2)}export{b as collectHistory,I as runHistoryCommand};
//# sourceMappingURL=chunk-4B42ERRE.js.map
