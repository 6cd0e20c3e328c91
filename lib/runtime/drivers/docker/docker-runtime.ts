import "server-only";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { getDockerClient } from "../../docker/client-cache";
import type { DockerEndpoint } from "../../docker/endpoint-schema";
import { daemonInfo } from "../../docker/docker-calls";
import { withDeadline } from "../../docker/with-deadline";
import type { RuntimeHost } from "../../hosts/runtime-host";
import { containerState, exitCodeFromStatus, healthFromStatus } from "../../observe/docker-status";
import type { ObservedContainer } from "../../planner/types";
import type { ContainerSpec } from "../../spec/container-spec";
import { dockerCreateOptions } from "../../spec/docker-create-options";
import { LABEL, parseManagedLabels } from "../../spec/labels";
import { type HostFacts, type HostRuntime, RuntimeError } from "../host-runtime";
import { daemonMessage, runtimeError, statusOf } from "./docker-errors";
import { decodeLogFrames, LogFrameDecoder } from "./log-frames";
import { ImagePuller } from "./image-puller";

const DEADLINE_MS = { list: 5_000, create: 30_000, start: 30_000, stop: 20_000, remove: 20_000, logs: 5_000 };
/** Seconds Docker waits after SIGTERM before SIGKILL (docker stop -t). */
const STOP_GRACE_SECONDS = 10;

/** Where the server reaches ports published by the daemon at `endpoint`. */
export function endpointAddress(endpoint: DockerEndpoint): string {
  return endpoint.kind === "unix" ? "127.0.0.1" : endpoint.host;
}

/** A Docker host as the reconciler drives it, through the shared client cache (lib/runtime/docker). */
export class DockerRuntime implements HostRuntime {
  readonly kind = "docker" as const;
  readonly hostId: string;
  readonly address: string;
  private readonly name: string;
  private readonly docker: Docker;
  private readonly puller: ImagePuller;
  private hostFacts: HostFacts | undefined;

  constructor(host: RuntimeHost) {
    if (!host.endpoint) throw new RuntimeError(`host ${host.name} has no Docker endpoint`, "unreachable");
    this.hostId = host.id;
    this.name = host.name;
    this.address = endpointAddress(host.endpoint);
    this.docker = getDockerClient(host.endpoint).docker;
    this.puller = new ImagePuller(this.docker, host.name);
  }

  private async call<T>(what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const result = await withDeadline(timeoutMs, work);
    if (result.ok) return result.value;
    if (result.timedOut)
      throw new RuntimeError(`${what} on ${this.name}: no answer within ${timeoutMs} ms`, "unreachable");
    throw runtimeError(what, this.name, result.error);
  }

  async facts(): Promise<HostFacts> {
    this.hostFacts ??= await this.call("reading the daemon's info", DEADLINE_MS.list, async (abortSignal) => {
      const info = (await daemonInfo(this.docker, abortSignal)) as { NCPU?: number };
      return { cpuCores: info.NCPU ?? 0 };
    });
    return this.hostFacts;
  }

  async list(installationId: string): Promise<ObservedContainer[]> {
    const rows = await this.call("listing containers", DEADLINE_MS.list, (abortSignal) =>
      this.docker.listContainers({
        all: true,
        filters: {
          label: [`${LABEL.managed}=true`, `${LABEL.installation}=${installationId}`, `${LABEL.host}=${this.hostId}`],
        },
        abortSignal,
      } as Docker.ContainerListOptions),
    );
    return rows.map((row) => ({
      id: row.Id,
      name: (row.Names[0] ?? "").replace(/^\//, ""),
      hostId: this.hostId,
      labels: parseManagedLabels(row.Labels),
      state: containerState(row.State),
      health: healthFromStatus(row.Status),
      exitCode: exitCodeFromStatus(row.Status),
      createdAtMs: row.Created * 1000,
      hostPort: row.Ports.find((p) => p.PublicPort)?.PublicPort ?? null,
    }));
  }

  pulling(image: string): string | null {
    return this.puller.status(image);
  }

  async create(spec: ContainerSpec): Promise<string | null> {
    this.puller.throwIfFailed(spec.image);
    let id: string;
    try {
      id = await this.call(`creating ${spec.name}`, DEADLINE_MS.create, async () => {
        try {
          return (await this.docker.createContainer(dockerCreateOptions(spec))).id;
        } catch (error) {
          if (statusOf(error) === 404 && /image/i.test(daemonMessage(error))) return "";
          if (statusOf(error) === 409) return this.adoptByName(spec);
          throw error;
        }
      });
    } catch (error) {
      throw runtimeError(`creating ${spec.name}`, this.name, error);
    }
    if (id === "") {
      this.puller.pull(spec.image);
      return null;
    }
    await this.start(id);
    return id;
  }

  /** A create that found the name taken: ours (a pass that crashed after creating it) is reused; anything else is in the way. */
  private async adoptByName(spec: ContainerSpec): Promise<string> {
    const info = await this.docker.getContainer(spec.name).inspect();
    const labels = parseManagedLabels(info.Config.Labels);
    if (labels && labels.specHash === spec.specHash && labels.installationId === spec.labels[LABEL.installation])
      return info.Id;
    throw new RuntimeError(
      `a container named ${spec.name} already exists on ${this.name} and is not this replica's (${labels ? "another spec" : "not managed by fleetdeck"}): remove or rename it (docker rm -f ${spec.name})`,
      "conflict",
    );
  }

  async start(id: string): Promise<void> {
    await this.call(`starting ${id.slice(0, 12)}`, DEADLINE_MS.start, async () => {
      try {
        await this.docker.getContainer(id).start();
      } catch (error) {
        if (statusOf(error) !== 304) throw error;
      }
    });
  }

  async stop(id: string): Promise<void> {
    await this.call(`stopping ${id.slice(0, 12)}`, DEADLINE_MS.stop, async () => {
      try {
        await this.docker.getContainer(id).stop({ t: STOP_GRACE_SECONDS });
      } catch (error) {
        if (statusOf(error) !== 304 && statusOf(error) !== 404) throw error;
      }
    });
  }

  async remove(id: string): Promise<void> {
    await this.call(`removing ${id.slice(0, 12)}`, DEADLINE_MS.remove, async () => {
      try {
        await this.docker.getContainer(id).remove({ force: true });
      } catch (error) {
        const status = statusOf(error);
        if (status !== 404 && !(status === 409 && /already in progress/i.test(daemonMessage(error)))) throw error;
      }
    });
  }

  async logs(id: string, tail: number): Promise<string[]> {
    const buffer = await this.call(`reading the log of ${id.slice(0, 12)}`, DEADLINE_MS.logs, async () =>
      this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false, tail }),
    );
    return decodeLogFrames(buffer as unknown as Buffer);
  }

  async *followLogs(id: string, { tail, signal }: { tail: number; signal: AbortSignal }): AsyncIterable<string> {
    const stream = (await this.call(`following the log of ${id.slice(0, 12)}`, DEADLINE_MS.logs, () =>
      this.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: true, tail }),
    )) as unknown as Readable;
    const stop = () => stream.destroy();
    signal.addEventListener("abort", stop, { once: true });
    const decoder = new LogFrameDecoder();
    try {
      for await (const chunk of stream) yield* decoder.push(chunk as Buffer);
      yield* decoder.flush();
    } catch (error) {
      if (!signal.aborted) throw runtimeError(`following the log of ${id.slice(0, 12)}`, this.name, error);
    } finally {
      signal.removeEventListener("abort", stop);
      stream.destroy();
    }
  }

  watch(onChange: () => void): { close(): void; readonly closed: boolean } {
    const state = { closed: false, stream: undefined as Readable | undefined };
    const end = () => {
      state.closed = true;
      state.stream?.destroy();
    };
    this.docker
      .getEvents({ filters: { type: ["container"], label: [`${LABEL.managed}=true`] } })
      .then((stream) => {
        state.stream = stream as unknown as Readable;
        if (state.closed) return end();
        state.stream.on("data", () => onChange());
        state.stream.on("error", end);
        state.stream.on("close", end);
      })
      .catch(end);
    return {
      close: end,
      get closed() {
        return state.closed;
      },
    };
  }

  close(): void {
    // The client belongs to the shared cache (lib/runtime/docker/client-cache.ts), which closes it.
  }
}
