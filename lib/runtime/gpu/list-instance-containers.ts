import "server-only";
import type Docker from "dockerode";
import type { InstanceContainer } from "./gpu-holders";

export const INSTANCE_LABEL = "fleetdeck.instance";

const refsOf = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((ref) => ref.trim())
    .filter((ref) => ref && ref !== "none" && ref !== "void");

/** The running containers labelled fleetdeck.instance on a daemon, with their host PIDs and the GPUs they were given. */
export async function listInstanceContainers(docker: Docker): Promise<InstanceContainer[]> {
  const listed = await docker.listContainers({ filters: { label: [INSTANCE_LABEL], status: ["running"] } });
  return Promise.all(
    listed.map(async (summary) => {
      const container = docker.getContainer(summary.Id);
      const [top, inspect] = await Promise.all([
        container.top().catch(() => ({ Titles: [] as string[], Processes: [] as string[][] })),
        container.inspect(),
      ]);
      const pidColumn = (top.Titles as string[]).indexOf("PID");
      const pids = pidColumn < 0 ? [] : (top.Processes as string[][]).map((row) => Number(row[pidColumn]));
      const env = Object.fromEntries(
        (inspect.Config.Env ?? []).map((entry) => [
          entry.slice(0, entry.indexOf("=")),
          entry.slice(entry.indexOf("=") + 1),
        ]),
      );
      const requested = (inspect.HostConfig.DeviceRequests ?? []).flatMap((request) =>
        request.Count === -1 ? ["all"] : (request.DeviceIDs ?? []),
      );
      const gpuRefs = [
        ...requested,
        ...refsOf(env.NVIDIA_VISIBLE_DEVICES),
        ...(requested.length === 0 && !env.NVIDIA_VISIBLE_DEVICES ? refsOf(env.CUDA_VISIBLE_DEVICES) : []),
      ];
      return {
        name: (summary.Names[0] ?? summary.Id).replace(/^\//, ""),
        instanceKey: summary.Labels[INSTANCE_LABEL] ?? "",
        pids: pids.filter(Number.isFinite),
        gpuRefs,
      };
    }),
  );
}
