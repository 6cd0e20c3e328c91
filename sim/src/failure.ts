/** The engine stops the way the real one does: these lines on stderr, then this exit status. */
export class EngineFailure extends Error {
  constructor(
    readonly lines: string,
    readonly exitCode = 1,
  ) {
    super(lines);
  }
}
