"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { startLoadTest } from "@/lib/actions/load-tests/start-load-test";
import type { PageInstance } from "@/lib/metrics/api/page-data";
import { LOAD_TEST_LIMITS } from "@/lib/metrics/load-test/load-test-params";
import { primaryButtonClass } from "../ui/buttons";
import { FormError, inputClass } from "../ui/field";
import { useAction } from "../ui/use-action";

function NumberField({
  name,
  label,
  min,
  max,
  value,
  error,
}: {
  name: string;
  label: string;
  min: number;
  max: number;
  value: number;
  error?: string[];
}) {
  return (
    <label className="block text-xs font-medium">
      {label}
      <input
        name={name}
        type="number"
        min={min}
        max={max}
        defaultValue={value}
        className={inputClass}
        aria-invalid={error ? true : undefined}
      />
      {error && <span className="text-red-700 dark:text-red-400">{error.join("; ")}</span>}
    </label>
  );
}

/** "Send test load" to one instance: bounded by the limits the server enforces as well. */
export function LoadTestForm({ instance }: { instance: PageInstance }) {
  const start = useAction(startLoadTest, { refresh: false });
  const queries = useQueryClient();
  const [stopKind, setStopKind] = useState<"duration" | "requests">("duration");
  const [promptKind, setPromptKind] = useState<"synthetic" | "builtin">("synthetic");
  const L = LOAD_TEST_LIMITS;
  const f = start.fieldErrors;
  if (instance.runningReplicas.length === 0)
    return <p className="text-sm text-slate-600">{instance.instanceKey} does not run, so it cannot take test load.</p>;
  return (
    <form
      aria-label="Send test load"
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        const input = { ...Object.fromEntries(new FormData(e.currentTarget)), instanceId: instance.id };
        start.run(input, () => void queries.invalidateQueries({ queryKey: ["load-tests"] }));
      }}
    >
      <h3 className="mb-2 text-sm font-semibold">Send test load to {instance.instanceKey}</h3>
      <FormError message={start.error} />
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
        <NumberField
          name="concurrency"
          label="Concurrency"
          min={1}
          max={L.maxConcurrency}
          value={4}
          error={f.concurrency}
        />
        <label className="block text-xs font-medium">
          Prompts
          <select
            name="promptKind"
            className={inputClass}
            value={promptKind}
            onChange={(e) => setPromptKind(e.target.value as "synthetic")}
          >
            <option value="synthetic">synthetic, fixed length</option>
            <option value="builtin">built-in prompt set</option>
          </select>
        </label>
        {promptKind === "synthetic" && (
          <NumberField
            name="promptTokens"
            label="Prompt tokens"
            min={1}
            max={L.maxPromptTokens}
            value={256}
            error={f.promptTokens}
          />
        )}
        <NumberField
          name="outputTokens"
          label="Output tokens"
          min={1}
          max={L.maxOutputTokens}
          value={128}
          error={f.outputTokens}
        />
        <label className="block text-xs font-medium">
          Stop after
          <select
            name="stopKind"
            className={inputClass}
            value={stopKind}
            onChange={(e) => setStopKind(e.target.value as "duration")}
          >
            <option value="duration">a duration</option>
            <option value="requests">a number of requests</option>
          </select>
        </label>
        {stopKind === "duration" ? (
          <NumberField
            name="durationSeconds"
            label="Seconds"
            min={1}
            max={L.maxDurationSeconds}
            value={30}
            error={f.durationSeconds}
          />
        ) : (
          <NumberField
            name="requestCount"
            label="Requests"
            min={1}
            max={L.maxRequests}
            value={100}
            error={f.requestCount}
          />
        )}
        {instance.runningReplicas.length > 1 && (
          <label className="block text-xs font-medium">
            Replica
            <select name="replica" className={inputClass}>
              {instance.runningReplicas.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="block text-xs font-medium">
          Label (for comparing)
          <input name="label" maxLength={40} placeholder="e.g. 2×2" className={inputClass} />
        </label>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Real requests to the instance&apos;s own endpoint; at most {L.maxDurationSeconds} s, {L.maxRequests} requests
        and {L.maxConcurrency} at once.
      </p>
      <button type="submit" className={`${primaryButtonClass} mt-2`} disabled={!start.ready}>
        Send test load
      </button>
    </form>
  );
}
