import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["dockerode", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` runs `tsc --noEmit` over the whole repository (app, lib, cli, bench, e2e) as its own step,
  // so `npm start` does not pay for a second type check when it builds.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
