import type { ConnectionFailure } from "./failure";
import type { DockerEndpoint } from "./endpoint-schema";

type ErrorLike = Error & { code?: string };

/** The daemon's certificate did not check out on our side. */
const SERVER_NOT_TRUSTED = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
]);

/** Alerts the daemon sends when it refuses our client certificate. */
const CLIENT_REFUSED =
  /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_REQUIRED|DECRYPT_ERROR|ACCESS_DENIED|UNSUPPORTED_CERTIFICATE|HANDSHAKE_FAILURE)/;

export function tlsFailure(err: ErrorLike, endpoint: DockerEndpoint): ConnectionFailure | undefined {
  if (endpoint.kind !== "tcp") return undefined;
  const at = `${endpoint.host}:${endpoint.port}`;
  const code = err.code ?? "";
  const tls = (message: string, fix: string): ConnectionFailure => ({
    step: "tls",
    message,
    fix,
    code,
    timedOut: false,
  });

  if (SERVER_NOT_TRUSTED.has(code)) {
    return tls(
      `the daemon's certificate at ${at} is not signed by the CA in tls.caPem (${code})`,
      "give the CA certificate that signed the daemon's --tlscert (ca.pem)",
    );
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return tls(
      `the daemon's certificate at ${at} is ${code === "CERT_HAS_EXPIRED" ? "expired" : "not valid yet"}`,
      "issue the daemon a new certificate (and check both clocks)",
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return tls(
      `the daemon's certificate is not for ${endpoint.host} (${err.message})`,
      `connect by a name or address the certificate lists, or reissue it with subjectAltName including ${endpoint.host}`,
    );
  }
  if (CLIENT_REFUSED.test(code) || CLIENT_REFUSED.test(err.message.toUpperCase().replace(/ /g, "_"))) {
    return tls(
      `the daemon at ${at} refused our client certificate (${code || err.message})`,
      "give a client certificate and key signed by the CA the daemon trusts (its --tlscacert)",
    );
  }
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || /wrong version number|packet length too long/i.test(err.message)) {
    return tls(
      `${at} does not speak TLS (${code || err.message})`,
      "check the port: it is the daemon's --tlsverify port, usually 2376",
    );
  }
  if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") || code === "EPROTO") {
    return tls(
      `the TLS handshake with ${at} failed (${code}: ${err.message})`,
      "check the daemon's --tlscacert, --tlscert and --tlskey and the certificates given here",
    );
  }
  return undefined;
}
