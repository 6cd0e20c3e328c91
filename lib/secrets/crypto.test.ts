import { describe, expect, it } from "vitest";
import { decryptSecret, deriveKey, encryptSecret, SecretDecryptError } from "./crypto";

const key = deriveKey("a master secret of at least thirty-two characters");

describe("secret encryption (AES-256-GCM, HKDF key)", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret(key, "hf-token", "hf_abcdefghijklmnop");
    const b = encryptSecret(key, "hf-token", "hf_abcdefghijklmnop");
    expect(a).not.toBe(b);
    expect(a).not.toContain("hf_abc");
    expect(decryptSecret(key, "hf-token", a)).toBe("hf_abcdefghijklmnop");
  });
  it("detects a changed ciphertext, tag or IV", () => {
    const stored = encryptSecret(key, "hf-token", "value");
    const raw = Buffer.from(stored.slice(3), "base64url");
    for (const at of [0, 13, raw.length - 1]) {
      const t = Buffer.from(raw);
      t[at]! ^= 1;
      expect(() => decryptSecret(key, "hf-token", `v1.${t.toString("base64url")}`)).toThrow(SecretDecryptError);
    }
  });
  it("refuses a ciphertext moved to another secret's name, another key, or an unknown format", () => {
    const stored = encryptSecret(key, "hf-token", "value");
    expect(() => decryptSecret(key, "registry", stored)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(deriveKey("another master secret, thirty-two chars long"), "hf-token", stored)).toThrow(
      SecretDecryptError,
    );
    expect(() => decryptSecret(key, "hf-token", "v2.AAAA")).toThrow(SecretDecryptError);
    expect(() => decryptSecret(key, "hf-token", "v1.AAAA")).toThrow(SecretDecryptError);
  });
  it("derives a 32-byte key that depends on the master secret", () => {
    expect(key).toHaveLength(32);
    expect(deriveKey("x".repeat(32)).equals(deriveKey("y".repeat(32)))).toBe(false);
  });
});
