export type FlagValueKind = "int" | "float" | "string" | "bool" | "json" | "choice" | "list";

/** One command-line flag of an engine, as its real CLI defines it. */
export interface FlagSpec {
  /** Canonical long name, e.g. "--tensor-parallel-size". */
  name: string;
  /** Other spellings the CLI accepts, e.g. "-tp". */
  aliases?: readonly string[];
  kind: FlagValueKind;
  choices?: readonly string[];
  default?: string | number | boolean;
  /** First release that has the flag. */
  since?: string;
  /** First release that no longer has it. */
  until?: string;
  /** TGI: the environment variable clap reads the flag from. */
  env?: string;
  /** argparse BooleanOptionalAction: `--no-<name>` is accepted too. */
  negatable?: boolean;
  /** Numeric bounds (inclusive unless `minExclusive`). */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  /** A deprecation or rename a person should hear about. */
  note?: string;
}

/** A flag as it appeared in a pasted command, before validation. */
export interface RawFlag {
  /** The flag as typed, e.g. "--max_model_len" or "-tp". */
  flag: string;
  /** Its value; absent for a bare boolean switch. */
  value?: string;
}

export type CommandSource = "docker-run" | "vllm-serve" | "vllm-api-server" | "tgi-launcher" | "python-llm";
