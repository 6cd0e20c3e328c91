import { describe, expect, it } from "vitest";
import { instanceSchema } from "../../../vocabulary/layout-schema";
import { buildContainerSpec } from "../../spec/container-spec";
import { realHost, seed2x2, specInput } from "../../testing/spec-fixtures";
import { simCommand } from "./sim-command";

describe("simCommand", () => {
  it("runs the spec's engine arguments bound to 127.0.0.1 on the chosen port, with the host's state directory", () => {
    const spec = buildContainerSpec(specInput(seed2x2()[0]!));
    if (!spec.ok) throw new Error(spec.error);
    const command = simCommand(spec.spec, 41000, "/data/local-sim/h/sim-state");
    expect(command).toMatchObject({
      engine: "vllm",
      argv: [...spec.spec.args, "--host", "127.0.0.1", "--port", "41000"],
      env: {
        FLEETDECK_SIM_STATE_DIR: "/data/local-sim/h/sim-state",
        NVIDIA_VISIBLE_DEVICES: "0,1",
        FLEETDECK_SIM_ENGINE: "vllm",
      },
    });
    expect(Object.keys((command as { env: object }).env)).not.toContain("DATABASE_URL");
  });
  it("binds TGI with --hostname, and refuses a spec for real GPUs", () => {
    const tgi = instanceSchema.parse({
      id: "t",
      engine: "tgi",
      model: "Qwen/Qwen2.5-7B-Instruct",
      placement: { hostId: "h", gpuIndices: [2] },
    });
    const spec = buildContainerSpec(specInput(tgi, { gpuIndices: [2] }));
    if (!spec.ok) throw new Error(spec.error);
    expect(simCommand(spec.spec, 41001, "/s")).toMatchObject({
      engine: "tgi",
      argv: expect.arrayContaining(["--hostname", "127.0.0.1", "--port", "41001"]),
    });
    const real = buildContainerSpec(specInput(seed2x2()[0]!, { host: realHost(false) }));
    if (!real.ok) throw new Error(real.error);
    expect(simCommand(real.spec, 41002, "/s")).toEqual({
      error: expect.stringContaining("runs only simulated engines"),
    });
  });
});
