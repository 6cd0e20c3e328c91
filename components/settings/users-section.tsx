"use client";

import { addHostGrant } from "@/lib/actions/users/add-host-grant";
import { createUser } from "@/lib/actions/users/create-user";
import { removeHostGrant } from "@/lib/actions/users/remove-host-grant";
import { primaryButtonClass } from "@/components/ui/buttons";
import { FormError, InputField } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import type { UserRow } from "@/lib/queries/users/list-users";
import { useAction } from "@/components/ui/use-action";
import { ROLES, RoleSelect } from "./users/role-select";
import { UserActions } from "./users/user-actions";

function GrantEditor({ user }: { user: UserRow }) {
  const add = useAction(addHostGrant);
  const remove = useAction(removeHostGrant);
  return (
    <div className="flex flex-wrap items-center gap-1">
      {user.grants.map((g) => (
        <span
          key={g.id}
          className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800"
        >
          {g.selector}
          <button
            type="button"
            aria-label={`Remove grant ${g.selector} from ${user.username}`}
            onClick={() => remove.run({ grantId: g.id })}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="inline-flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          add.run({ userId: user.id, selector: String(new FormData(form).get("selector") ?? "") }, () => form.reset());
        }}
      >
        <input
          name="selector"
          aria-label={`New host grant for ${user.username}`}
          placeholder="team=a or *"
          className="w-28 rounded border border-slate-300 px-1 text-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="submit" className="text-xs underline" disabled={!add.ready}>
          Grant
        </button>
      </form>
      {(add.error ?? remove.error) && (
        <span role="alert" className="text-xs text-red-700">
          {add.error ?? remove.error}
        </span>
      )}
    </div>
  );
}

export function UsersSection({ users }: { users: UserRow[] }) {
  const create = useAction(createUser);
  return (
    <section aria-labelledby="users-heading" className="mb-10">
      <h2 id="users-heading" className="mb-2 text-lg font-semibold">
        Users
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Admins manage users, hosts, secrets and settings. Operators design layouts and apply, start and stop on the
        hosts their grants match (<code>team=a</code> matches hosts labelled team=a; <code>*</code> matches every host).
        Viewers read everything and change nothing.
      </p>
      <DataTable
        caption="Users"
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          {
            header: "User",
            cell: (u) => (
              <span>
                <span className="font-medium">{u.username}</span> <span className="text-slate-500">{u.email}</span>
              </span>
            ),
          },
          { header: "Role", cell: (u) => <RoleSelect user={u} /> },
          {
            header: "Status",
            cell: (u) => (u.disabled ? <span className="text-xs font-medium text-red-700">disabled</span> : "active"),
          },
          {
            header: "Host grants",
            cell: (u) =>
              u.role === "operator" ? (
                <GrantEditor user={u} />
              ) : (
                <span className="text-xs text-slate-500">{u.role === "admin" ? "all hosts" : "read-only"}</span>
              ),
          },
          { header: "Actions", cell: (u) => <UserActions user={u} /> },
        ]}
      />
      <form
        className="mt-4 grid max-w-xl grid-cols-1 gap-x-3 sm:grid-cols-2"
        aria-label="Add a user"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          create.run(
            {
              email: String(f.get("email")),
              username: String(f.get("username")),
              password: String(f.get("password")),
              role: String(f.get("role")),
            },
            () => form.reset(),
          );
        }}
      >
        <h3 className="col-span-full mb-2 font-medium">Add a user</h3>
        <div className="col-span-full">
          <FormError message={create.error} />
        </div>
        <InputField label="Email" name="email" type="email" error={create.fieldErrors.email} />
        <InputField label="Username" name="username" error={create.fieldErrors.username} />
        <InputField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          error={create.fieldErrors.password}
        />
        <label className="mb-3 block text-sm">
          <span className="mb-1 block font-medium">Role</span>
          <select
            name="role"
            defaultValue="viewer"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
          >
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <div className="col-span-full">
          <button type="submit" className={primaryButtonClass} disabled={!create.ready}>
            Add user
          </button>
        </div>
      </form>
    </section>
  );
}
