import { createRequire as __mcpLoadCreateRequire } from 'node:module'; const require = __mcpLoadCreateRequire(import.meta.url);
import{a as t}from"./action-N4VZI3XM.js";var n,r=()=>n??=t("node:crypto");function o(...e){return r().createHash(...e)}function a(...e){return r().createPrivateKey(...e)}function u(...e){return r().randomBytes(...e)}function c(...e){return r().randomUUID(...e)}function i(...e){return r().sign(...e)}export{o as a,a as b,u as c,c as d,i as e};
//# sourceMappingURL=action-JSLKGNXZ.js.map
