import { describe, expect, it } from "vitest";
import { hostFormInput } from "./host-form-input";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("the host form's input", () => {
  it("sends TLS only for tcp://, and only when a field is filled", () => {
    const add = hostFormInput(
      form({
        kind: "docker",
        name: "g1",
        url: "tcp://g1:2376",
        caPem: "CA",
        certPem: "CERT",
        keyPem: "KEY",
        labels: "team=a",
      }),
      "add",
    );
    expect(add).toEqual({
      kind: "docker",
      name: "g1",
      labels: "team=a",
      endpoint: { url: "tcp://g1:2376", tls: { caPem: "CA", certPem: "CERT", keyPem: "KEY" } },
      simulatedGpus: null,
      declaredGpus: null,
      dcgmUrl: null,
    });
    const ssh = hostFormInput(
      form({ kind: "docker", name: "g", url: "ssh://u@g", caPem: "CA", privateKeyPem: "K" }),
      "add",
    );
    expect(ssh.endpoint).toEqual({ url: "ssh://u@g", ssh: { privateKeyPem: "K" } });
  });

  it("on edit, leaves the endpoint out when neither the URL nor a credential changed (the stored ones stay)", () => {
    const same = hostFormInput(
      form({ kind: "docker", name: "g1", url: "tcp://g1:2376", originalUrl: "tcp://g1:2376" }),
      "edit",
    );
    expect(same).not.toHaveProperty("endpoint");
    expect(same).not.toHaveProperty("kind");
    const moved = hostFormInput(
      form({ kind: "docker", name: "g1", url: "tcp://g2:2376", originalUrl: "tcp://g1:2376" }),
      "edit",
    );
    expect(moved.endpoint).toEqual({ url: "tcp://g2:2376" });
  });

  it("reads simulated and declared GPUs, and the local simulated host's GPUs", () => {
    const input = hostFormInput(
      form({
        kind: "docker",
        name: "g",
        url: "unix:///x",
        simulated: "on",
        simGpuId: "h200",
        simCount: "2",
        declared: "on",
        declaredGpuId: "custom",
        declaredCount: "1",
        declaredMemory: "48GiB",
      }),
      "add",
    );
    expect(input).toMatchObject({
      simulatedGpus: { gpuId: "h200", count: 2 },
      declaredGpus: { gpuId: "custom", count: 1, memoryBytes: "48GiB" },
    });
    expect(hostFormInput(form({ kind: "local-sim", name: "s", simGpuId: "rtx-4090d", simCount: "4" }), "add")).toEqual({
      kind: "local-sim",
      name: "s",
      labels: "",
      simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
    });
  });
});
