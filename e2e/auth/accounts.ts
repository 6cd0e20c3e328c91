/** The accounts the browser tests use. The admin is created by e2e/setup/auth.setup.ts on a fresh database. */
export const ADMIN = { email: "admin@fleetdeck.test", username: "root-admin", password: "first admin passphrase 1" };
export const OPERATOR = {
  email: "op-a@fleetdeck.test",
  username: "op-a",
  password: "operator passphrase 1",
  grant: "team=a",
};
export const VIEWER = { email: "viewer@fleetdeck.test", username: "watcher", password: "viewer passphrase 1" };
export const TARGET = { email: "target@fleetdeck.test", username: "target", password: "target passphrase 1" };
