import type { NextConfig } from "next";

/** Reverse proxies that forward a different Host: FLEETDECK_ALLOWED_ORIGINS=fleet.example.com,… (server actions' origin check). */
const allowedOrigins = (process.env.FLEETDECK_ALLOWED_ORIGINS ?? "")
  .split(",")
  .map((s) => s.trim().replace(/^https?:\/\//, ""))
  .filter(Boolean);

const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // FLEETDECK_DIST_DIR lets a second build (another checkout's e2e run) live beside the default .next.
  distDir: process.env.FLEETDECK_DIST_DIR || ".next",
  serverExternalPackages: ["dockerode", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Server actions: Next refuses a POST whose Origin differs from Host unless listed here; bodies over 1 MiB are refused.
    serverActions: { allowedOrigins, bodySizeLimit: "1mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
