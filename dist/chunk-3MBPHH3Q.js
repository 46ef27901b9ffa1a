import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
var r=/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;function e(t){return r.lastIndex=0,r.test(t)?t.replace(r,n=>{let u=n.charCodeAt(0);return u<256?`\\x${u.toString(16).padStart(2,"0")}`:`\\u${u.toString(16).padStart(4,"0")}`}):t}export{e as a};
//# sourceMappingURL=chunk-3MBPHH3Q.js.map
