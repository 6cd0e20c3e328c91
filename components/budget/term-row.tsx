import type { TermName } from "@/lib/budget/types";
import { formatBytes } from "@/lib/format";
import { TERM_STYLE, exactBytes } from "./terms";

/** One budget term as a table row: swatch and name, then its bytes (short and exact). */
export function TermRow({
  term,
  bytes,
  explanation,
  className,
}: {
  term: TermName;
  bytes: number;
  explanation?: string;
  className?: string;
}) {
  return (
    <tr title={explanation} className={className}>
      <th scope="row" className="py-0.5 pr-2 text-left font-normal">
        <span
          aria-hidden
          className="mr-1 inline-block h-2 w-2 rounded-sm border border-slate-300"
          style={{ background: TERM_STYLE[term].color }}
        />
        {TERM_STYLE[term].label}
      </th>
      <td className="text-right" data-term={term} data-bytes={bytes}>
        {exactBytes(bytes, formatBytes(bytes))}
      </td>
    </tr>
  );
}
