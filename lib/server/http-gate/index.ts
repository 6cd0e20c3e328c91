/** The request gate scripts/server.mjs runs in front of Next (loaded with tsx; pure, no Next and no server-only). */
export { actionBodyProblem } from "./action-body";
export { exceedsNesting } from "./json-depth";
export { CLIENT_HOST_HEADER, CLIENT_IP_HEADER, CLIENT_PROTO_HEADER, INTERNAL_PREFIX } from "./client-headers";
export { hstsHeader, needsBodyCheck, refuseRequest } from "./gate-request";
export { resolveClient } from "./resolve-client";
export { parseProxyList, trustedProxies } from "./trusted-proxies";
