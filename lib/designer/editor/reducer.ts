import { type Finding, type FindingFix, fixesOf } from "../../vocabulary/finding";
import type { Layout } from "../../vocabulary/layout-schema";
import * as ops from "./layout-ops";
import { extendSelection, pruneSelection, selectGpus, toggleGpu } from "./selection";
import type { EditorAction, EditorState } from "./types";

export const HISTORY_LIMIT = 200;

export function initEditor(layout: Layout): EditorState {
  return { layout, past: [], future: [], selection: null, openInstanceId: null, commandFindings: {}, saved: layout };
}

/** The one reducer of the designer: pure; layout edits are undoable, selection and panels are not. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "undo": {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return settle({
        ...state,
        layout: previous,
        past: state.past.slice(0, -1),
        future: [...state.future, state.layout],
      });
    }
    case "redo": {
      const next = state.future[state.future.length - 1];
      if (!next) return state;
      return settle({ ...state, layout: next, future: state.future.slice(0, -1), past: [...state.past, state.layout] });
    }
    case "mark-saved":
      return { ...state, saved: state.layout };
    // Picking GPUs starts a new instance: the panel switches from any open instance to the new-instance form.
    case "select":
      return { ...state, openInstanceId: null, selection: selectGpus(state.layout, action.hostId, action.gpuIndices) };
    case "toggle-gpu":
      return {
        ...state,
        openInstanceId: null,
        selection: toggleGpu(state.layout, state.selection, action.hostId, action.gpuIndex),
      };
    case "extend-selection":
      return {
        ...state,
        openInstanceId: null,
        selection: extendSelection(state.layout, state.selection, action.hostId, action.gpuIndex),
      };
    case "clear-selection":
      return state.selection ? { ...state, selection: null } : state;
    case "open-instance":
      return {
        ...state,
        openInstanceId: action.id && state.layout.instances.some((i) => i.id === action.id) ? action.id : null,
      };
    case "dismiss-command-finding":
      return { ...state, commandFindings: dropFinding(state.commandFindings, action.instanceId, action.code) };
    default:
      return edit(state, action);
  }
}

type EditAction = Exclude<
  EditorAction,
  {
    type:
      | "undo"
      | "redo"
      | "mark-saved"
      | "select"
      | "toggle-gpu"
      | "extend-selection"
      | "clear-selection"
      | "open-instance"
      | "dismiss-command-finding";
  }
>;

function edit(state: EditorState, action: EditAction): EditorState {
  const { layout } = state;
  switch (action.type) {
    case "add-host":
      return commit(state, ops.addHost(layout, action.host));
    case "update-host":
      return commit(state, ops.updateHost(layout, action.hostId, action.patch));
    case "remove-host":
      return commit(state, ops.removeHost(layout, action.hostId));
    case "add-instance": {
      const added = ops.addInstance(layout, action.instance);
      const next = commit(state, added.layout);
      const commandFindings = action.commandFindings?.length
        ? { ...next.commandFindings, [added.id]: action.commandFindings.map((f) => ({ ...f, instanceId: added.id })) }
        : next.commandFindings;
      return {
        ...next,
        selection: null,
        commandFindings,
        openInstanceId: action.open === false ? next.openInstanceId : added.id,
      };
    }
    case "update-instance":
      return commit(state, ops.updateInstance(layout, action.id, action.patch));
    case "apply-fix":
      return applyFix(state, action.finding, action.fix);
    case "move-instance":
      return commit(state, ops.moveInstance(layout, action.id, action.hostId, action.startIndex));
    case "resize-instance":
      return commit(state, ops.resizeInstance(layout, action.id, action.tp));
    case "duplicate-instance": {
      const copy = ops.duplicateInstance(layout, action.id);
      return copy ? { ...commit(state, copy.layout), openInstanceId: copy.id } : state;
    }
    case "remove-instance": {
      const next = commit(state, ops.removeInstance(layout, action.id));
      const { [action.id]: _dropped, ...commandFindings } = next.commandFindings;
      return {
        ...next,
        commandFindings,
        openInstanceId: next.openInstanceId === action.id ? null : next.openInstanceId,
      };
    }
    case "replace-layout":
      return commit(state, action.layout);
    case "rename":
      return action.name.trim() === "" ? state : commit(state, { ...layout, name: action.name });
  }
}

function applyFix(state: EditorState, finding: Finding, chosen?: FindingFix): EditorState {
  const fix = chosen ?? fixesOf(finding)[0];
  const target = fix?.instanceId ?? finding.instanceId;
  if (!fix || !target) return state;
  // An empty patch ("keep it as it is") changes nothing: it only acknowledges a pasted command's finding.
  const next =
    Object.keys(fix.patch).length === 0 ? state : commit(state, ops.updateInstance(state.layout, target, fix.patch));
  if (!finding.instanceId) return next;
  return { ...next, commandFindings: dropFinding(next.commandFindings, finding.instanceId, finding.code) };
}

function dropFinding(all: Record<string, Finding[]>, instanceId: string, code: string): Record<string, Finding[]> {
  const list = all[instanceId];
  if (!list) return all;
  const kept = list.filter((f) => f.code !== code);
  if (kept.length === 0) {
    const { [instanceId]: _gone, ...rest } = all;
    return rest;
  }
  return { ...all, [instanceId]: kept };
}

/** Records an edit: the old layout goes on the undo stack, redo is cleared. No-op edits leave history alone. */
function commit(state: EditorState, layout: Layout): EditorState {
  if (layout === state.layout) return state;
  const past = [...state.past, state.layout];
  if (past.length > HISTORY_LIMIT) past.shift();
  return settle({ ...state, layout, past, future: [] });
}

/** Keeps selection and the open panel pointing at things that still exist. */
function settle(state: EditorState): EditorState {
  const selection = pruneSelection(state.layout, state.selection);
  const open =
    state.openInstanceId && state.layout.instances.some((i) => i.id === state.openInstanceId)
      ? state.openInstanceId
      : null;
  return selection === state.selection && open === state.openInstanceId
    ? state
    : { ...state, selection, openInstanceId: open };
}

export const canUndo = (state: EditorState): boolean => state.past.length > 0;
export const canRedo = (state: EditorState): boolean => state.future.length > 0;
export const isDirty = (state: EditorState): boolean => state.layout !== state.saved;
