import type Docker from "dockerode";
import { RuntimeError } from "../host-runtime";
import { daemonMessage } from "./docker-errors";

/**
 * Image pulls in the background: a create that finds its image missing starts one and returns at once, so a
 * multi-gigabyte pull never holds a reconcile pass; the replica shows "pulling" with the last progress line.
 */
export class ImagePuller {
  private readonly inFlight = new Map<string, string>();
  private readonly failed = new Map<string, string>();

  constructor(
    private readonly docker: Docker,
    private readonly hostName: string,
  ) {}

  status(image: string): string | null {
    return this.inFlight.get(image) ?? null;
  }

  /** A failed pull is reported once, to the next create of its image (which then backs off and tries again). */
  throwIfFailed(image: string): void {
    const failure = this.failed.get(image);
    if (failure === undefined) return;
    this.failed.delete(image);
    throw new RuntimeError(failure, "refused");
  }

  pull(image: string): void {
    if (this.inFlight.has(image)) return;
    this.inFlight.set(image, `pulling ${image} on ${this.hostName}`);
    const fail = (error: unknown) => {
      this.inFlight.delete(image);
      this.failed.set(
        image,
        `image ${image} is not on ${this.hostName} and pulling it failed: ${daemonMessage(error)}; pull it on the host (docker pull ${image}) or check the registry`,
      );
    };
    this.docker.pull(image).then(
      (stream: NodeJS.ReadableStream) =>
        this.docker.modem.followProgress(
          stream,
          (error: Error | null, output: { error?: string }[] = []) => {
            const problem = error ?? output.find((o) => o.error)?.error;
            if (problem) fail(problem instanceof Error ? problem : new Error(problem));
            else this.inFlight.delete(image);
          },
          (event: { status?: string; progress?: string }) =>
            this.inFlight.set(image, `pulling ${image}: ${[event.status, event.progress].filter(Boolean).join(" ")}`),
        ),
      fail,
    );
  }
}
