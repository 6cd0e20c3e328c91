import type Docker from "dockerode";

/** dockerode calls that take an AbortSignal at run time; @types/dockerode lacks the option on these. */
type Signalled<T> = (options: { abortSignal: AbortSignal }) => Promise<T>;

export const pingDaemon = (docker: Docker, abortSignal: AbortSignal) =>
  (docker.ping as unknown as Signalled<unknown>).call(docker, { abortSignal });
export const daemonVersion = (docker: Docker, abortSignal: AbortSignal) =>
  (docker.version as unknown as Signalled<unknown>).call(docker, { abortSignal });
export const daemonInfo = (docker: Docker, abortSignal: AbortSignal) =>
  (docker.info as unknown as Signalled<unknown>).call(docker, { abortSignal });
