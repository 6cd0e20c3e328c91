export const NAV_ITEMS = [
  { href: "/fleet", label: "Fleet" },
  { href: "/layouts", label: "Layouts" },
  { href: "/instances", label: "Instances" },
  { href: "/metrics", label: "Metrics" },
  { href: "/audit", label: "Audit" },
  { href: "/settings", label: "Settings" },
] as const;
