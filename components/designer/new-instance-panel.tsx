"use client";
import { useState } from "react";
import type { Finding } from "@/lib/vocabulary/finding";
import { parseHfConfig } from "@/lib/catalog";
import { instanceFromCommand, newInstance } from "@/lib/designer/new-instance";
import type { Selection } from "@/lib/designer/editor/types";
import { DEFAULT_PLANNING_GPU, resolveGpu } from "@/lib/layout/resolvers";
import { buttonClass, primaryButtonClass } from "../ui/buttons";
import { inputClass } from "../ui/field";
import { FindingsList } from "./findings-list";
import { ModelSearch } from "./model-search";
import { useDesignerContext, useDesignerStable } from "./use-designer";

type Source = "catalog" | "command" | "config";

/** Adding an instance on the selected GPUs: from the catalog, a pasted command, or a pasted config.json. */
export function NewInstancePanel({ selection }: { selection: Selection | null }) {
  const { dispatch, state, vramCeiling } = useDesignerContext();
  const { focusInstance } = useDesignerStable();
  // The selected card, for a memory share that keeps it under the ceiling (unplaced: the planning default).
  const slot = selection
    ? state.layout.hosts.find((h) => h.id === selection.hostId)?.gpus.find((g) => g.index === selection.gpuIndices[0])
    : undefined;
  const defaults = { vramCeiling, gpu: (slot && resolveGpu(slot)) ?? DEFAULT_PLANNING_GPU };
  const add = (action: Parameters<typeof dispatch>[0]) => {
    focusInstance(null);
    dispatch(action);
  };
  const [source, setSource] = useState<Source>("catalog");
  const [text, setText] = useState("");
  const [modelId, setModelId] = useState("");
  const [problems, setProblems] = useState<{ findings: Finding[]; notes: string[] } | null>(null);
  const where = selection
    ? `${selection.hostId}, GPU ${selection.gpuIndices.join(", ")} (TP ${selection.gpuIndices.length})`
    : "no GPUs (place it later)";

  const readCommand = () => {
    const result = instanceFromCommand(text, selection, defaults);
    if (!result.ok) return setProblems({ findings: result.findings, notes: result.notes });
    setProblems(null);
    add({ type: "add-instance", instance: result.instance, commandFindings: result.findings });
  };
  const readConfig = () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return setProblems({
        findings: [
          {
            code: "config.json",
            severity: "error",
            message: `The text is not JSON: ${(e as Error).message}.`,
            fix: "Paste the whole config.json file.",
          },
        ],
        notes: [],
      });
    }
    const id = modelId.trim() || "pasted-model";
    const parsed = parseHfConfig(json, id);
    if ("error" in parsed)
      return setProblems({
        findings: [
          {
            code: "config.json",
            severity: "error",
            message: parsed.error,
            fix: "Paste the config.json of a causal language model.",
          },
        ],
        notes: [],
      });
    setProblems(null);
    add({
      type: "add-instance",
      instance: newInstance(id, selection, { ...defaults, modelConfig: json as Record<string, unknown> }),
    });
  };

  return (
    <section aria-label="New instance" className="space-y-3">
      <h2 className="text-lg font-semibold">New instance</h2>
      <p className="text-sm">On: {where}</p>
      <div role="group" aria-label="Start from" className="flex gap-1">
        {(["catalog", "command", "config"] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={source === s}
            className={`${buttonClass} ${source === s ? "bg-slate-200 dark:bg-slate-700" : ""}`}
            onClick={() => setSource(s)}
          >
            {s === "catalog" ? "Catalog" : s === "command" ? "Paste a command" : "Paste config.json"}
          </button>
        ))}
      </div>
      {source === "catalog" && (
        <ModelSearch
          label="Model"
          onPick={(model) => add({ type: "add-instance", instance: newInstance(model, selection, defaults) })}
        />
      )}
      {source === "command" && (
        <div className="space-y-2">
          <label className="block text-xs font-medium" htmlFor="paste-command">
            docker run / vllm serve / text-generation-launcher / LLM(...)
          </label>
          <textarea
            id="paste-command"
            rows={8}
            className={`${inputClass} font-mono text-xs`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className={primaryButtonClass} onClick={readCommand} disabled={!text.trim()}>
            Read command
          </button>
        </div>
      )}
      {source === "config" && (
        <div className="space-y-2">
          <label className="block text-xs font-medium" htmlFor="paste-model-id">
            Model id (Hugging Face repo)
          </label>
          <input
            id="paste-model-id"
            className={inputClass}
            value={modelId}
            onChange={(e) => setModelId(e.target.value)}
            placeholder="my-org/my-finetune"
          />
          <label className="block text-xs font-medium" htmlFor="paste-config">
            config.json
          </label>
          <textarea
            id="paste-config"
            rows={8}
            className={`${inputClass} font-mono text-xs`}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="button" className={primaryButtonClass} onClick={readConfig} disabled={!text.trim()}>
            Use config.json
          </button>
        </div>
      )}
      {problems && (
        <>
          <FindingsList
            findings={problems.findings}
            onFix={() => undefined}
            readOnly
            label="Problems of the pasted text"
          />
          {problems.notes.map((n) => (
            <p key={n} className="text-xs text-slate-500">
              {n}
            </p>
          ))}
        </>
      )}
      <button type="button" className={buttonClass} onClick={() => dispatch({ type: "clear-selection" })}>
        Cancel
      </button>
    </section>
  );
}
