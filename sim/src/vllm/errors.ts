/** vLLM ≥ 0.10 builds its configs as pydantic dataclasses: a ValueError surfaces wrapped. */
export function valueError(message: string, pydantic: boolean, config: string): string {
  if (!pydantic) return `ValueError: ${message}`;
  return `pydantic_core._pydantic_core.ValidationError: 1 validation error for ${config}\n  Value error, ${message} [type=value_error, input_value=ArgsKwargs((), {...}), input_type=ArgsKwargs]\n    For further information visit https://errors.pydantic.dev/2.11/v/value_error`;
}
