import { memo } from "react";
import type { InstanceBudget } from "@/lib/budget/types";
import { bandLabel } from "@/lib/budget/uncertainty";
import { formatCount } from "@/lib/format";
import { TermRow } from "./term-row";

/** One instance's budget per GPU: every term with its exact bytes and explanation, then KV tokens and concurrency. */
export const BudgetTermsTable = memo(function BudgetTermsTable({
  budget,
  instanceId,
}: {
  budget: InstanceBudget;
  instanceId: string;
}) {
  return (
    <div className="space-y-2">
      <table aria-label={`Memory budget of ${instanceId} per GPU`} className="w-full text-xs tabular-nums">
        <tbody>
          {budget.terms.map((t) => (
            <TermRow
              key={t.name}
              term={t.name}
              bytes={t.bytes}
              explanation={t.explanation}
              className="border-b border-slate-100 dark:border-slate-800"
            />
          ))}
        </tbody>
      </table>
      <dl className="grid grid-cols-2 gap-x-2 text-xs">
        <dt>KV cache</dt>
        <dd
          className="text-right tabular-nums"
          data-testid="kv-tokens"
          data-value={budget.kvCacheTokens}
          data-low={budget.uncertainty.kvCacheTokensLow}
          data-high={budget.uncertainty.kvCacheTokensHigh}
          title={`${formatCount(budget.uncertainty.kvCacheTokensLow)}–${formatCount(budget.uncertainty.kvCacheTokensHigh)} tokens; band from ${budget.uncertainty.basis}`}
        >
          {formatCount(budget.kvCacheTokens)} tokens {bandLabel(budget.uncertainty.relative)}
        </dd>
        <dt>Max concurrency</dt>
        <dd className="text-right tabular-nums" data-testid="max-concurrency" data-value={budget.maxConcurrency}>
          ×{budget.maxConcurrency.toFixed(2)} at {formatCount(budget.maxModelLen)} tokens
        </dd>
        <dt>Fits</dt>
        <dd className="text-right" data-testid="fit-verdict" data-value={budget.uncertainty.verdict}>
          {budget.uncertainty.verdict === "fits"
            ? "yes"
            : budget.uncertainty.verdict === "tight"
              ? `tight: inside the ${bandLabel(budget.uncertainty.relative)} band, it may not start`
              : `no: longest that fits ${formatCount(budget.maxModelLenThatFits)}`}
        </dd>
        <dt>Weights format</dt>
        <dd className="text-right">{budget.settings?.weightFormat ?? "—"}</dd>
        <dt>Profile</dt>
        <dd className="text-right">{budget.settings?.profile ?? "—"}</dd>
      </dl>
    </div>
  );
});
