var __mcpLoadImportMetaUrl = /^\/[\w./-]*$/.test(__filename) && !/\/(\.\.?)?(\/|$)/.test(__filename) ? 'file://' + __filename : require('node:url').pathToFileURL(__filename).href;
"use strict";var l=Object.defineProperty;var y=Object.getOwnPropertyDescriptor;var g=Object.getOwnPropertyNames;var k=Object.prototype.hasOwnProperty;var A=(t,r)=>{for(var a in r)l(t,a,{get:r[a],enumerable:!0})},D=(t,r,a,o)=>{if(r&&typeof r=="object"||typeof r=="function")for(let e of g(r))!k.call(t,e)&&e!==a&&l(t,e,{get:()=>r[e],enumerable:!(o=y(r,e))||o.enumerable});return t};var J=t=>D(l({},"__esModule",{value:!0}),t);var S={};A(S,{a:()=>x,b:()=>p});module.exports=J(S);var c=require("./chunk-7GJK447F.cjs"),I=require("./chunk-7FXNS3CB.cjs"),f=require("./chunk-BZGNHQFK.cjs"),s=require("./chunk-4ALCZTVP.cjs"),m=require("./chunk-VS37TM6D.cjs"),d=require("./chunk-P2F57LWH.cjs"),n=require("./chunk-5XJX5T7Q.cjs"),u=require("./chunk-2F6XRX6U.cjs"),$=require("./chunk-RSS4IWSL.cjs"),b=1;function j(t,r={}){return{summaryVersion:b,generator:`mcp-load ${$.a}`,scenario:{id:t.scenario.id,file:t.scenario.file,hash:t.scenario.hash},startedAt:t.startedAt,endedAt:t.endedAt,...(0,s.n)(t,r)}}async function v(t,r,a,o={}){let e=n.c.redact(JSON.stringify(j(r,o),null,2));if(typeof t!="string")return t(e),!0;try{return await(0,u.f)(t,`${e}
`),!0}catch(i){return a(`mcp-load: --summary-json ${t}: cannot write it: ${i.message}
`),!1}}async function x(t,r,a){let o=n.c.redactDeep(t);a.out(`
${(0,d.a)(n.c.redact((0,f.a)(o)))}
`);let e=await O(o,a),i=a.summaryJson===void 0||await v(a.summaryJson,o,a.err);for(let h of r)for(let w of await h.finish(o))a.out(`${(0,d.a)(n.c.redact(w))}
`);return o.interrupted==="signal"?130:p(o,a.err)?99:e&&i?0:1}async function O(t,r){try{let a=await(0,c.a)(r.outDir,t);return r.out(`written: ${a.result}, ${a.html}, ${a.markdown}
`),!0}catch(a){let o=await(0,m.c)(),e=a instanceof m.a?a.message:`${r.outDir}: ${a.message}`;r.err(`mcp-load: could not write the results: ${e}
mcp-load: writing them to ${o} instead
`);let i=await(0,c.a)(o,t);return r.out(`written: ${i.result}, ${i.html}, ${i.markdown}
`),!1}}function p(t,r){let a=t.thresholds.filter(e=>!e.ok);a.length>0&&r(`mcp-load: thresholds failed: ${a.map(e=>`${e.key} ${e.source}${e.default?" (default)":""}`).join(", ")}
`);let o=t.findings.find(e=>e.id==="internal-error");return o&&r(`mcp-load: ${o.statement}
`),(0,s.o)(t)}0&&(module.exports={a,b});
//# sourceMappingURL=chunk-D63ROE3X.cjs.map
