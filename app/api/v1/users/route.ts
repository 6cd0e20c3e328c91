import { createUser } from "@/lib/actions/users/create-user";
import { defineRoute } from "@/lib/api/define-route";
import { listUsersSpec } from "@/lib/api/read/people-specs";

export const GET = defineRoute(listUsersSpec);
export const POST = defineRoute(createUser);
