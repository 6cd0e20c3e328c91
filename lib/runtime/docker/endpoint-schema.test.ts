import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dockerEndpointSchema } from "./endpoint-schema";
import { isLoopbackHost } from "./loopback";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
const SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\n";
const TLS = { caPem: CERT, certPem: CERT, keyPem: KEY };

function messages(input: unknown): string[] {
  const result = dockerEndpointSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("Docker endpoint schema", () => {
  it("parses the three kinds with their defaults", () => {
    expect(dockerEndpointSchema.parse({ url: "unix:///var/run/docker.sock" })).toEqual({
      kind: "unix",
      url: "unix:///var/run/docker.sock",
      socketPath: "/var/run/docker.sock",
    });
    expect(dockerEndpointSchema.parse({ url: "tcp://gpu-1.lan", tls: TLS })).toMatchObject({
      kind: "tcp",
      host: "gpu-1.lan",
      port: 2376,
      tls: TLS,
    });
    expect(dockerEndpointSchema.parse({ url: "tcp://127.0.0.1:2375" })).toMatchObject({
      kind: "tcp",
      host: "127.0.0.1",
      port: 2375,
      tls: undefined,
    });
    expect(dockerEndpointSchema.parse({ url: "tcp://[::1]:2375" })).toMatchObject({ host: "::1" });
    expect(
      dockerEndpointSchema.parse({ url: "ssh://deploy@gpu-2:2222", ssh: { privateKeyPem: SSH_KEY } }),
    ).toMatchObject({ kind: "ssh", user: "deploy", host: "gpu-2", port: 2222 });
    expect(dockerEndpointSchema.parse({ url: "ssh://root@gpu-2", ssh: { privateKeyPem: SSH_KEY } })).toMatchObject({
      port: 22,
    });
  });

  it("refuses plain TCP off loopback, saying why and what to use", () => {
    const [message] = messages({ url: "tcp://10.0.0.5:2375" });
    expect(message).toMatch(/^url: url is "tcp:\/\/10\.0\.0\.5:2375" without TLS/);
    expect(message).toContain("run containers as root");
    expect(message).toContain("--tlsverify");
    expect(message).toContain("ssh://user@10.0.0.5");
  });

  it("names the field, the value and the fix for malformed URLs", () => {
    expect(messages({ url: "http://gpu-1:2375" })[0]).toMatch(
      /^url: url is "http:\/\/gpu-1:2375": expected unix:\/\/\/.*tcp:\/\/host:2376.*ssh:\/\/user@host/,
    );
    expect(messages({ url: "unix://var/run/docker.sock" })[0]).toContain(
      "absolute path, e.g. unix:///var/run/docker.sock",
    );
    expect(messages({ url: "ssh://gpu-2", ssh: { privateKeyPem: SSH_KEY } })[0]).toContain(
      "names no user; write ssh://user@gpu-2",
    );
    expect(messages({ url: "ssh://root@gpu-2" })[0]).toMatch(/^ssh\.privateKeyPem: .*needs ssh\.privateKeyPem/);
    expect(messages({ url: "ssh://root:hunter2@gpu-2", ssh: { privateKeyPem: SSH_KEY } })[0]).toContain(
      "a password in the URL is not accepted",
    );
    expect(messages({ url: "unix:///run/docker.sock", tls: TLS })[0]).toMatch(/^tls: .*tcp:\/\/ endpoints only/);
    expect(messages({ url: "tcp://gpu-1:2376", ssh: { privateKeyPem: SSH_KEY } })[0]).toMatch(
      /^ssh: .*ssh:\/\/ endpoints only/,
    );
    expect(messages({ url: "" })[0]).toMatch(/^url: url is empty/);
  });

  it("checks PEM fields without echoing the secret", () => {
    const secret = "not-a-key-but-a-secret-value";
    const [message] = messages({ url: "tcp://gpu-1:2376", tls: { ...TLS, keyPem: secret } });
    expect(message).toMatch(/^tls\.keyPem: tls\.keyPem .* is not a PEM private key/);
    expect(message).not.toContain(secret);
    expect(messages({ url: "tcp://gpu-1:2376", tls: { ...TLS, caPem: KEY } })[0]).toMatch(
      /^tls\.caPem: .*not a PEM certificate/,
    );
    expect(messages({ url: "ssh://root@h", ssh: { privateKeyPem: SSH_KEY, hostKeySha256: "abc" } })[0]).toMatch(
      /^ssh\.hostKeySha256: /,
    );
  });
});

describe("plain TCP, property", () => {
  it("is accepted exactly when the IPv4 address is in 127.0.0.0/8, and always with TLS", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (address, port) => {
        const url = `tcp://${address}:${port}`;
        expect(dockerEndpointSchema.safeParse({ url }).success).toBe(address.startsWith("127."));
        expect(dockerEndpointSchema.parse({ url, tls: TLS })).toMatchObject({ kind: "tcp", host: address, port });
      }),
    );
  });
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1", "api.localhost"])(
    "%s is loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );
  it.each(["10.0.0.1", "128.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "0.0.0.0", "::", "127.1"])(
    "%s is not",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
