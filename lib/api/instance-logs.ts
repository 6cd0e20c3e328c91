import "server-only";
import { existingInstance } from "../actions/instances/existing-instance";
import { checksForInstance } from "../actions/instances/checks-for-instance";
import type { ActionSpec } from "../actions/types";
import { runtimeForHost } from "../runtime/controller";
import { ActionError } from "../server/action-error";
import { instanceLogsInput } from "./instance-inputs";

interface LogTarget {
  hostId: string;
  containerId: string;
  tail: number;
  follow: boolean;
}

const encoder = new TextEncoder();
const event = (name: string, data: unknown) => encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

/** Streams the lines; the stream ends when the client goes away (cancel) or the container's log ends. */
function streamLogs(target: LogTarget): Response {
  const controller = new AbortController();
  const body = new ReadableStream<Uint8Array>({
    async start(stream) {
      try {
        const runtime = await runtimeForHost(target.hostId);
        if (!runtime) throw new Error("the replica's host is not one the runtime can reach");
        if (target.follow) {
          for await (const line of runtime.followLogs(target.containerId, {
            tail: target.tail,
            signal: controller.signal,
          }))
            stream.enqueue(event("line", line));
        } else {
          for (const line of await runtime.logs(target.containerId, target.tail)) stream.enqueue(event("line", line));
        }
        stream.enqueue(event("end", "the log ended"));
      } catch (error) {
        if (!controller.signal.aborted) stream.enqueue(event("error", (error as Error).message));
      }
      if (!controller.signal.aborted) stream.close();
    },
    cancel() {
      controller.abort();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}

export const instanceLogsSpec = {
  name: "instance.logs",
  input: instanceLogsInput,
  readOnly: true,
  authorize: (input) => checksForInstance("instance.logs.read", input.instanceId),
  run: async (input, { tx }) => {
    const instance = await existingInstance(tx, input.instanceId);
    const replica = await tx.instanceReplica.findUnique({
      where: { instanceId_replica: { instanceId: instance.id, replica: input.replica } },
    });
    if (!replica) throw new ActionError(`${instance.instanceKey} has no replica ${input.replica}.`, { status: 404 });
    if (!replica.hostId || !replica.containerId)
      throw new ActionError(
        `Replica ${input.replica} of ${instance.instanceKey} has no container yet (${replica.state}).`,
        {
          status: 409,
        },
      );
    return {
      data: { hostId: replica.hostId, containerId: replica.containerId, tail: input.tail, follow: input.follow },
    };
  },
  respond: streamLogs,
} satisfies ActionSpec<typeof instanceLogsInput, LogTarget> & { respond: (data: LogTarget) => Response };
