import "server-only";
import { createPrivateKey } from "node:crypto";
import tls from "node:tls";
// ssh2 is CommonJS: its default export works under Node ESM (benches, CLI) as well as bundlers.
import ssh2, { type ParsedKey } from "ssh2";

/** Credentials that parse as PEM but cannot be used: a wrong passphrase, a key that is not the certificate's. */
export class CredentialsError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "CredentialsError";
  }
}

/** Throws CredentialsError when the TLS key or certificates cannot be loaded. Nothing is sent anywhere. */
export function checkTlsCredentials({
  caPem,
  certPem,
  keyPem,
}: {
  caPem: string;
  certPem: string;
  keyPem: string;
}): void {
  try {
    createPrivateKey(keyPem);
  } catch (error) {
    throw new CredentialsError(
      "tls.keyPem",
      `tls.keyPem cannot be read as a private key (${(error as Error).message})`,
      "paste the unencrypted key file that belongs to the client certificate (key.pem)",
    );
  }
  try {
    tls.createSecureContext({ ca: caPem, cert: certPem, key: keyPem });
  } catch (error) {
    const message = (error as Error).message;
    if (/key values mismatch/i.test(message)) {
      throw new CredentialsError(
        "tls.keyPem",
        "tls.keyPem is not the key of tls.certPem",
        "give the key that was generated with the client certificate (cert.pem and key.pem are a pair)",
      );
    }
    throw new CredentialsError(
      "tls",
      `the TLS certificates cannot be loaded (${message})`,
      "paste ca.pem, cert.pem and key.pem as the docker CLI's DOCKER_CERT_PATH holds them",
    );
  }
}

/**
 * The private key, decrypted once (a passphrase's bcrypt KDF costs about half a second in pure JS); throws
 * CredentialsError when it cannot be read or the passphrase is wrong or missing.
 */
export function loadSshKey(privateKeyPem: string, passphrase: string | undefined): ParsedKey {
  const parsed = ssh2.utils.parseKey(privateKeyPem, passphrase);
  if (!(parsed instanceof Error)) return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  if (/encrypted|passphrase/i.test(parsed.message)) {
    throw new CredentialsError(
      "ssh.passphrase",
      passphrase
        ? "ssh.passphrase does not decrypt ssh.privateKeyPem"
        : "ssh.privateKeyPem is encrypted and no ssh.passphrase was given",
      "give the key's passphrase, or a key without one",
    );
  }
  throw new CredentialsError(
    "ssh.privateKeyPem",
    `ssh.privateKeyPem cannot be read (${parsed.message})`,
    "paste an OpenSSH, PEM (RSA/ECDSA) or PKCS#8 private key, e.g. the file ~/.ssh/id_ed25519",
  );
}
