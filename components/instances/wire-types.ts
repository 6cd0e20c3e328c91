import type { z } from "zod";
import type { instanceDetailOut } from "@/lib/api/instance-detail";
import type { instanceOut } from "@/lib/api/read/lists";

/** What /api/v1 sends for instances (the page polls it). */
export type InstanceOut = z.infer<typeof instanceOut>;
export type ReplicaOut = InstanceOut["replicas"][number];
export type InstanceDetailOut = z.infer<typeof instanceDetailOut>;
