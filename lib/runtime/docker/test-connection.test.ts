import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDocker2 } from "../testing/docker2-outage";
import { startFakeDockerd, type FakeDockerd } from "../testing/fake-dockerd";
import { testHosts } from "../testing/test-env";
import { closeDockerClients, getDockerClient } from "./client-cache";
import { parseDockerEndpoint, type DockerEndpointInput } from "./endpoint-schema";
import { testConnection, type TestConnectionResult } from "./test-connection";

// Real daemons, certificates and sshd from scripts/test-env.sh.
const hosts = testHosts();
const tls = { caPem: hosts.tls.caPem, certPem: hosts.tls.certPem, keyPem: hosts.tls.keyPem };
const fakes: FakeDockerd[] = [];
// The second daemon (TCP+TLS, behind sshd) must stay up while these run: tests that stop it wait for us.
let releaseDocker2: () => void = () => {};
beforeAll(async () => {
  releaseDocker2 = await useDocker2();
}, 300_000);
afterAll(async () => {
  releaseDocker2();
  closeDockerClients();
  await Promise.all(fakes.map((fake) => fake.close()));
});

const connect = (input: DockerEndpointInput, timeoutMs = 5000) =>
  testConnection(parseDockerEndpoint(input), { timeoutMs });

function failureOf(result: TestConnectionResult) {
  if (result.ok) throw new Error(`expected a failure, got a connection to Docker ${result.engine.engineVersion}`);
  return result.failure;
}

function engineOf(result: TestConnectionResult) {
  if (!result.ok) throw new Error(`expected a connection, got: ${result.failure.step}: ${result.failure.message}`);
  return result;
}

describe("test connection to real daemons", () => {
  it.each([
    ["first dockerd", hosts.docker],
    ["second dockerd", hosts.docker2],
  ])("reaches the %s over its unix socket and reports what it runs on", async (_, url) => {
    const { engine, rttMs, connectMs } = engineOf(await connect({ url }));
    expect(engine.engineVersion).toMatch(/^\d+\.\d+/);
    expect(Number(engine.apiVersion)).toBeGreaterThanOrEqual(1.4);
    // Both daemons run on this machine: their CPUs and memory are this machine's.
    expect(engine.cpus).toBe(os.cpus().length);
    expect(Math.abs(engine.memoryBytes - os.totalmem())).toBeLessThan(64 * 2 ** 20);
    expect(engine.kernelVersion).toBe(os.release());
    expect(engine.osType).toBe("linux");
    expect(engine.storageDriver).not.toBe("");
    expect(["cgroupfs", "systemd"]).toContain(engine.cgroupDriver);
    expect(engine.runtimes).toContain("runc");
    expect(engine.nvidiaRuntime).toBe(engine.runtimes.includes("nvidia"));
    expect(rttMs).toBeGreaterThan(0);
    expect(connectMs).toBeGreaterThan(0);
  });

  it("connects over TCP with the right client certificate", async () => {
    const { engine } = engineOf(await connect({ url: hosts.tls.url, tls }));
    expect(engine.cpus).toBe(os.cpus().length);
  });

  it("is refused with a client certificate from another CA, and says so", async () => {
    const failure = failureOf(
      await connect({
        url: hosts.tls.url,
        tls: { ...tls, certPem: hosts.tls.wrongCertPem, keyPem: hosts.tls.wrongKeyPem },
      }),
    );
    expect(failure).toMatchObject({ step: "tls", timedOut: false });
    expect(failure.message).toMatch(/refused our client certificate/);
    expect(failure.fix).toMatch(/signed by the CA the daemon trusts/);
  });

  it("does not trust a daemon whose certificate another CA signed", async () => {
    const failure = failureOf(await connect({ url: hosts.tls.url, tls: { ...tls, caPem: hosts.tls.wrongCaPem } }));
    expect(failure.step).toBe("tls");
    expect(failure.message).toMatch(/is not signed by the CA in tls\.caPem/);
  });

  it("refuses a key that is not the certificate's before connecting", async () => {
    const failure = failureOf(await connect({ url: hosts.tls.url, tls: { ...tls, keyPem: hosts.tls.wrongKeyPem } }));
    expect(failure).toMatchObject({ step: "credentials", message: "tls.keyPem is not the key of tls.certPem" });
  });

  it("explains plain HTTP sent to the TLS port", async () => {
    const failure = failureOf(await connect({ url: hosts.tls.url }));
    expect(failure).toMatchObject({ step: "api", code: "HTTP 400" });
    expect(failure.message).toMatch(/speaks TLS/);
  });

  it("reaches the second daemon over SSH and reports the host key to pin", async () => {
    const result = engineOf(await connect({ url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.keyPem } }, 15_000));
    expect(result.sshHostKeySha256).toBe(hosts.ssh.hostKeySha256);
    const pinned = await connect(
      { url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.keyPem, hostKeySha256: hosts.ssh.hostKeySha256 } },
      15_000,
    );
    expect(pinned.ok).toBe(true);
  });

  it("decrypts an SSH key with its passphrase, and says when the passphrase is wrong", async () => {
    expect(
      (
        await connect(
          { url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.passphraseKeyPem, passphrase: hosts.ssh.passphrase } },
          15_000,
        )
      ).ok,
    ).toBe(true);
    const failure = failureOf(
      await connect({ url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.passphraseKeyPem, passphrase: "not it" } }),
    );
    expect(failure).toMatchObject({
      step: "credentials",
      message: "ssh.passphrase does not decrypt ssh.privateKeyPem",
    });
  });

  it("names SSH authentication when the host does not know the key", async () => {
    const failure = failureOf(await connect({ url: hosts.ssh.url, ssh: { privateKeyPem: hosts.ssh.wrongKeyPem } }));
    expect(failure.step).toBe("ssh-auth");
    expect(failure.message).toMatch(/accepted none of our keys for user root/);
    expect(failure.fix).toMatch(/authorized_keys/);
  });

  it("refuses a host whose key is not the pinned one", async () => {
    const failure = failureOf(
      await connect({
        url: hosts.ssh.url,
        ssh: { privateKeyPem: hosts.ssh.keyPem, hostKeySha256: `SHA256:${"A".repeat(43)}` },
      }),
    );
    expect(failure.step).toBe("ssh-host-key");
    expect(failure.message).toContain(hosts.ssh.hostKeySha256);
  });
});

describe("test connection failures, step by step", () => {
  it("DNS: a name that does not resolve", async () => {
    const failure = failureOf(await connect({ url: "tcp://no-such-host.invalid:2376", tls }));
    expect(failure).toMatchObject({ step: "dns", code: "ENOTFOUND" });
    expect(failure.message).toContain("no-such-host.invalid");
  });

  it("TCP: a port nothing listens on", async () => {
    const fake = await startFakeDockerd();
    await fake.close(); // a port that was just free
    const failure = failureOf(await connect({ url: fake.url }));
    expect(failure).toMatchObject({ step: "tcp", code: "ECONNREFUSED" });
    expect(failure.message).toContain(`127.0.0.1:${fake.port} refused the connection`);
  });

  it("socket: no daemon at the path", async () => {
    const failure = failureOf(await connect({ url: "unix:///run/fleetdeck-test/no-such.sock" }));
    expect(failure).toMatchObject({ step: "socket", code: "ENOENT" });
  });

  it("API: an HTTP server that is not Docker", async () => {
    const fake = await startFakeDockerd({ notDocker: true });
    fakes.push(fake);
    const failure = failureOf(await connect({ url: fake.url }));
    expect(failure).toMatchObject({ step: "api", code: "HTTP 404" });
    expect(failure.message).toMatch(/not a Docker daemon/);
  });

  it("API: a daemon too old for fleetdeck", async () => {
    const fake = await startFakeDockerd({ apiVersion: "1.24" });
    fakes.push(fake);
    const failure = failureOf(await connect({ url: fake.url }));
    expect(failure.step).toBe("api");
    expect(failure.message).toMatch(/speaks API 1\.24; fleetdeck needs API 1\.40 or newer/);
  });

  it("API: a daemon that takes the connection and never answers, within the timeout", async () => {
    const fake = await startFakeDockerd({ delayMs: 60_000 });
    fakes.push(fake);
    const started = Date.now();
    const failure = failureOf(await connect({ url: fake.url }, 300));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(failure).toMatchObject({ step: "api", timedOut: true });
    expect(failure.message).toMatch(/did not answer within 300 ms/);
  });

  it("SSH: an SSH endpoint that leads to a non-SSH port", async () => {
    const failure = failureOf(
      await connect({ url: hosts.tls.url.replace("tcp://", "ssh://root@"), ssh: { privateKeyPem: hosts.ssh.keyPem } }),
    );
    expect(failure.step).toBe("ssh");
  });
});

describe("client cache", () => {
  it("gives the same client for the same endpoint and credentials, a new one when they change", () => {
    const a = getDockerClient(parseDockerEndpoint({ url: hosts.tls.url, tls }));
    expect(getDockerClient(parseDockerEndpoint({ url: hosts.tls.url, tls }))).toBe(a);
    const rotated = getDockerClient(
      parseDockerEndpoint({
        url: hosts.tls.url,
        tls: { ...tls, certPem: hosts.tls.wrongCertPem, keyPem: hosts.tls.wrongKeyPem },
      }),
    );
    expect(rotated).not.toBe(a);
  });
});
