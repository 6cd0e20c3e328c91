import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets at rest: AES-256-GCM with a key derived by HKDF-SHA256 from FLEETDECK_SECRET.
 * Stored as "v1." + base64url(12-byte IV | 16-byte tag | ciphertext). The secret's name is the
 * additional authenticated data, so a ciphertext copied onto another row does not decrypt.
 */

const VERSION = "v1";
const INFO = "fleetdeck/secrets/aes-256-gcm/v1";

export class SecretDecryptError extends Error {
  constructor(name: string) {
    super(
      `The secret "${name}" cannot be decrypted: it was changed in the database or FLEETDECK_SECRET changed since it was stored. Enter it again.`,
    );
    this.name = "SecretDecryptError";
  }
}

export function deriveKey(masterSecret: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", Buffer.from(masterSecret, "utf8"), Buffer.from("fleetdeck"), Buffer.from(INFO), 32),
  );
}

export function encryptSecret(key: Buffer, name: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(name, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

export function decryptSecret(key: Buffer, name: string, stored: string): string {
  const [version, body] = stored.split(".", 2);
  if (version !== VERSION || !body) throw new SecretDecryptError(name);
  const raw = Buffer.from(body, "base64url");
  if (raw.length < 28) throw new SecretDecryptError(name);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptError(name);
  }
}
