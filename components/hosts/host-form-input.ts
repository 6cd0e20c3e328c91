/**
 * The add/edit form's fields as the hosts actions' input. Blank credential fields are left out (on edit: keep the
 * stored ones); unchecked GPU sections send null (clear).
 */
export function hostFormInput(form: FormData, mode: "add" | "edit"): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const raw = (name: string) => String(form.get(name) ?? "");
  const local = text("kind") === "local-sim";
  const simulatedGpus = form.get("simulated") ? { gpuId: text("simGpuId"), count: Number(text("simCount")) } : null;
  const declaredGpus = form.get("declared")
    ? {
        gpuId: text("declaredGpuId"),
        count: Number(text("declaredCount")),
        ...(text("declaredMemory") && { memoryBytes: text("declaredMemory") }),
      }
    : null;
  const input: Record<string, unknown> = { name: text("name"), labels: text("labels") };
  if (local) {
    if (mode === "add") input.kind = "local-sim";
    input.simulatedGpus = simulatedGpus ?? { gpuId: text("simGpuId"), count: Number(text("simCount")) };
    return input;
  }
  const url = text("url");
  const tls = ["caPem", "certPem", "keyPem"].map(raw);
  const ssh = {
    ...(raw("privateKeyPem").trim() && { privateKeyPem: raw("privateKeyPem") }),
    ...(raw("passphrase") && { passphrase: raw("passphrase") }),
    ...(text("hostKeySha256") && { hostKeySha256: text("hostKeySha256") }),
  };
  const endpoint = {
    url,
    ...(url.startsWith("tcp:") &&
      tls.some((v) => v.trim()) && { tls: { caPem: tls[0], certPem: tls[1], keyPem: tls[2] } }),
    ...(url.startsWith("ssh:") && Object.keys(ssh).length > 0 && { ssh }),
  };
  const changedEndpoint = mode === "add" || url !== text("originalUrl") || "tls" in endpoint || "ssh" in endpoint;
  if (mode === "add") input.kind = "docker";
  if (changedEndpoint) input.endpoint = endpoint;
  input.simulatedGpus = simulatedGpus;
  input.declaredGpus = declaredGpus;
  input.dcgmUrl = text("dcgmUrl") || null;
  return input;
}
