import { defineRoute } from "@/lib/api/define-route";
import { instanceChatSpec } from "@/lib/api/instance-chat";

export const dynamic = "force-dynamic";
export const POST = defineRoute(instanceChatSpec);
