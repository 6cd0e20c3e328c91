import { defineRoute } from "@/lib/api/define-route";
import { instanceLogsSpec } from "@/lib/api/instance-logs";

export const dynamic = "force-dynamic";
export const GET = defineRoute(instanceLogsSpec);
