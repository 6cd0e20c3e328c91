import { builtInModels } from "./models";
import { compact } from "./text-match";
import type { ModelEntry } from "./types";

const HUB_URL_PREFIX = /^https?:\/\/(www\.)?huggingface\.co\//i;

/** "Qwen/Qwen2.5-7B-Instruct" → "qwen2.5-7b-instruct". */
function repoName(id: string): string {
  return (id.split("/").pop() ?? id).toLowerCase();
}

function cleanQuery(text: string): string {
  return text
    .trim()
    .replace(HUB_URL_PREFIX, "")
    .replace(/\/(tree|blob|resolve)\/.*$/, "")
    .replace(/\/+$/, "");
}

export function listModels(): readonly ModelEntry[] {
  return builtInModels();
}

/**
 * Finds a built-in model by Hugging Face id ("Qwen/Qwen2.5-7B-Instruct"), the name after the org
 * ("qwen2.5-7b-instruct"), the display name or a hub URL; case-insensitive. Several matches
 * (the same repo name under two orgs) give undefined.
 */
export function findModel(idOrName: string): ModelEntry | undefined {
  const query = cleanQuery(idOrName).toLowerCase();
  if (!query) return undefined;
  const models = builtInModels();
  const byId = models.find((m) => m.id.toLowerCase() === query);
  if (byId) return byId;
  const unique = (matches: ModelEntry[]) => (matches.length === 1 ? matches[0] : undefined);
  const byName = models.filter((m) => repoName(m.id) === query || m.displayName.toLowerCase() === query);
  if (byName.length > 0) return unique(byName);
  const key = compact(query);
  return unique(models.filter((m) => compact(repoName(m.id)) === key || compact(m.displayName) === key));
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ""))
    .filter(Boolean);
}

const FULL_MATCH = 150;

function score(model: ModelEntry, query: string): number {
  const name = repoName(model.id);
  const display = model.displayName.toLowerCase();
  if (model.id.toLowerCase() === query || name === query || display === query) return 1000;
  if (name.startsWith(query) || display.startsWith(query)) return 400;
  const queryTokens = tokens(query);
  const modelTokens = [...tokens(model.id), ...tokens(model.displayName)];
  const matched = queryTokens.filter((q) => modelTokens.some((t) => t.startsWith(q))).length;
  if (queryTokens.length > 0 && matched === queryTokens.length) return 200;
  const key = compact(query);
  if (key.length >= 2 && compact(model.id + model.displayName).includes(key)) return FULL_MATCH;
  return queryTokens.length > 0 ? Math.floor((50 * matched) / queryTokens.length) : 0;
}

/** Built-in models ranked for a search box: exact names, then prefixes, then all words, then some words. */
export function searchModels(query: string, limit = 10): ModelEntry[] {
  const cleaned = cleanQuery(query).toLowerCase();
  const models = builtInModels();
  if (!cleaned) return models.slice(0, limit);
  const hits = models.map((model, order) => ({ model, order, score: score(model, cleaned) }));
  // Once some model has every word, models with only some words are noise.
  const floor = hits.some((hit) => hit.score >= FULL_MATCH) ? FULL_MATCH : 1;
  return hits
    .filter((hit) => hit.score >= floor)
    .sort((a, b) => b.score - a.score || a.model.id.length - b.model.id.length || a.order - b.order)
    .slice(0, limit)
    .map((hit) => hit.model);
}
