/** Refuses to run browser tests against anything but the local test database. */
export default function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (url && !url.startsWith("file:")) {
    throw new Error(
      `e2e tests refuse DATABASE_URL=${url.replace(/\/\/[^@]*@/, "//***@")}: they write to the database; unset it (the tests use .test-env/e2e.db)`,
    );
  }
}
