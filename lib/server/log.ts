import pino from "pino";

/** The server's structured logger (JSON lines on stdout). Never log secret values. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "fleetdeck" },
  redact: {
    paths: [
      "password",
      "token",
      "secret",
      "*.password",
      "*.token",
      "*.secret",
      "headers.cookie",
      "headers.authorization",
    ],
    censor: "[redacted]",
  },
});
