"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { RegisteredHostSummary } from "@/lib/designer/bound-host";

interface RegisteredHosts {
  list: readonly RegisteredHostSummary[];
  byId: ReadonlyMap<string, RegisteredHostSummary>;
  /** The server's time when it read the hosts: relative times read the same on the server and when hydrating. */
  now: Date;
}

/** null: no list was given (a shared link's view): bindings are shown without the real hosts' state. */
const Context = createContext<RegisteredHosts | null>(null);

/** The registered hosts for the designer below it (binding planned hosts, their state in the host headers). */
export function RegisteredHostsProvider({
  hosts,
  readAt,
  children,
}: {
  hosts: RegisteredHostSummary[];
  /** ISO time the hosts were read at. */
  readAt: string;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ list: hosts, byId: new Map(hosts.map((h) => [h.id, h])), now: new Date(readAt) }),
    [hosts, readAt],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useRegisteredHosts = () => useContext(Context);
