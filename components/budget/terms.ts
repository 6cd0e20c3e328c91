import type { TermName } from "@/lib/budget/types";
import { formatCount } from "@/lib/format";

/** One fixed hue per budget term (app/globals.css --color-term-*), never reused for status. */
export const TERM_STYLE: Record<TermName, { label: string; color: string }> = {
  weights: { label: "Weights", color: "var(--color-term-weights)" },
  activation: { label: "Activation", color: "var(--color-term-activation)" },
  nonTorch: { label: "Non-torch", color: "var(--color-term-nontorch)" },
  cudaGraphs: { label: "CUDA graphs", color: "var(--color-term-cudagraphs)" },
  kvCache: { label: "KV cache", color: "var(--color-term-kvcache)" },
  reserved: { label: "Reserved", color: "var(--color-term-reserved)" },
  free: { label: "Free", color: "var(--color-term-free)" },
};

/** Exact bytes for tooltips: "2.67 GiB (2,864,123,904 B)". */
export function exactBytes(bytes: number, short: string): string {
  return `${short} (${formatCount(bytes)} B)`;
}
