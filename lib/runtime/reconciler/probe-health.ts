/** The server's own GET /health on a published port: true when the engine answers 200 within the timeout. */
export async function probeHealth(address: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(`http://${address.includes(":") ? `[${address}]` : address}:${port}/health`, {
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
