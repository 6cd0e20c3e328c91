import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The endpoints scripts/test-env.sh brings up, read from the environment or, failing that, from .test-env/env. */
export interface TestHosts {
  docker: string;
  docker2: string;
  tls: {
    url: string;
    caPem: string;
    certPem: string;
    keyPem: string;
    wrongCaPem: string;
    wrongCertPem: string;
    wrongKeyPem: string;
  };
  ssh: {
    url: string;
    keyPem: string;
    passphraseKeyPem: string;
    passphrase: string;
    wrongKeyPem: string;
    hostKeySha256: string;
  };
}

const ENV_FILE = path.resolve(process.cwd(), ".test-env/env");

function fromEnvFile(): Record<string, string> {
  if (!existsSync(ENV_FILE)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(ENV_FILE, "utf8").split("\n")) {
    const match = /^export (\w+)="(.*)"$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

export function testHosts(): TestHosts {
  const file = fromEnvFile();
  const missing: string[] = [];
  const get = (name: string) => {
    const value = process.env[name] ?? file[name];
    if (!value) missing.push(name);
    return value ?? "";
  };
  const read = (name: string) => {
    const file = get(name);
    if (file && existsSync(file)) return readFileSync(file, "utf8");
    missing.push(`${name} (file ${file || "unset"})`);
    return "";
  };
  const hosts: TestHosts = {
    docker: get("FLEETDECK_TEST_DOCKER_HOST"),
    docker2: get("FLEETDECK_TEST_DOCKER2_HOST"),
    tls: {
      url: get("FLEETDECK_TEST_DOCKER_TLS_HOST"),
      caPem: read("FLEETDECK_TEST_DOCKER_TLS_CA"),
      certPem: read("FLEETDECK_TEST_DOCKER_TLS_CERT"),
      keyPem: read("FLEETDECK_TEST_DOCKER_TLS_KEY"),
      wrongCaPem: read("FLEETDECK_TEST_DOCKER_TLS_WRONG_CA"),
      wrongCertPem: read("FLEETDECK_TEST_DOCKER_TLS_WRONG_CERT"),
      wrongKeyPem: read("FLEETDECK_TEST_DOCKER_TLS_WRONG_KEY"),
    },
    ssh: {
      url: get("FLEETDECK_TEST_SSH_HOST"),
      keyPem: read("FLEETDECK_TEST_SSH_KEY"),
      passphraseKeyPem: read("FLEETDECK_TEST_SSH_PASSPHRASE_KEY"),
      passphrase: get("FLEETDECK_TEST_SSH_PASSPHRASE"),
      wrongKeyPem: read("FLEETDECK_TEST_SSH_WRONG_KEY"),
      hostKeySha256: get("FLEETDECK_TEST_SSH_HOST_KEY_SHA256"),
    },
  };
  if (missing.length > 0) {
    throw new Error(
      `The test hosts are not up: ${missing.join(", ")} missing. Run \`scripts/test-env.sh up\` (npm test does it) as root; it writes ${ENV_FILE}.`,
    );
  }
  return hosts;
}
