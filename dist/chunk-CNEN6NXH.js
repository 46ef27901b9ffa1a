import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
async function i(r={}){return(await import("./chunk-ZIEHOQKK.js")).startDemoServer(r)}async function n(r,t,o){if(r!==void 0)return o(r);let e=await i();try{return t(e.url),await o(e.url)}finally{await e.close()}}export{n as a};
//# sourceMappingURL=chunk-CNEN6NXH.js.map
