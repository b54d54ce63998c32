import type { Metadata } from "next";
import { listUsers } from "@/db/queries/users";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRow } from "@/components/admin/user-row";
import { requirePageAccess } from "@/lib/auth/guards";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { changeUserRoleAction, createUserAction, setUserActiveAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const me = await requirePageAccess("/admin/users");
  const users = await listUsers();
  const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">Administration</h1>
      <AdminTabs current="/admin/users" />
      <section aria-labelledby="users-heading" className="mb-8">
        <h2 id="users-heading" className="mb-2 text-xl font-semibold">
          Users: everyone who can sign in
        </h2>
        <div className="overflow-x-auto rounded bg-white shadow">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Users, their roles and whether their account is active</caption>
            <thead className="bg-gray-100">
              <tr>
                <th scope="col" className="p-3">Name</th>
                <th scope="col" className="p-3">Email</th>
                <th scope="col" className="p-3">Role</th>
                <th scope="col" className="p-3">Account</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={{ id: u.id, name: u.name, email: u.email, role: u.role, active: u.active, version: u.version }}
                  isMe={u.id === me.id}
                  roles={roles}
                  changeRole={changeUserRoleAction}
                  setActive={setUserActiveAction}
                />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="create-heading" className="max-w-xl rounded bg-white p-6 shadow">
        <h2 id="create-heading" className="mb-4 text-xl font-semibold">
          Add a user
        </h2>
        <CreateUserForm action={createUserAction} roles={roles} />
      </section>
    </>
  );
}
