import type { Finding, FindingFix } from "../../vocabulary/finding";
import type { Host, Instance, Layout } from "../../vocabulary/layout-schema";

/** GPUs picked on one host for a new instance (click, shift-click, drag, Space). */
export interface Selection {
  hostId: string;
  /** Sorted, unique. */
  gpuIndices: number[];
  /** Where shift-click and Shift+Arrow extend from. */
  anchor: number;
}

export interface EditorState {
  layout: Layout;
  /** Undo stack (oldest first) and redo stack (most recent undo last). */
  past: Layout[];
  future: Layout[];
  selection: Selection | null;
  openInstanceId: string | null;
  /** Findings of a pasted command, by instance, until their fixes are applied. */
  commandFindings: Record<string, Finding[]>;
  /** The layout as last saved (or opened); `layout !== saved` means unsaved edits. */
  saved: Layout;
}

export type EditorAction =
  | { type: "add-host"; host: Host }
  | { type: "update-host"; hostId: string; patch: Partial<Omit<Host, "id">> }
  | { type: "remove-host"; hostId: string }
  | { type: "add-instance"; instance: Instance; open?: boolean; commandFindings?: Finding[] }
  | { type: "update-instance"; id: string; patch: Partial<Instance> }
  /** Applies one of the finding's fixes (default: its first) and drops the finding when a pasted command raised it. */
  | { type: "apply-fix"; finding: Finding; fix?: FindingFix }
  | { type: "move-instance"; id: string; hostId: string; startIndex: number }
  | { type: "resize-instance"; id: string; tp: number }
  | { type: "duplicate-instance"; id: string }
  | { type: "remove-instance"; id: string }
  | { type: "replace-layout"; layout: Layout }
  | { type: "rename"; name: string }
  | { type: "select"; hostId: string; gpuIndices: number[] }
  | { type: "toggle-gpu"; hostId: string; gpuIndex: number }
  | { type: "extend-selection"; hostId: string; gpuIndex: number }
  | { type: "clear-selection" }
  | { type: "open-instance"; id: string | null }
  | { type: "dismiss-command-finding"; instanceId: string; code: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "mark-saved" };
