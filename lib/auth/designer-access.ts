import "server-only";
import type { DesignerAccess } from "../designer/access";
import type { DesignerSettings } from "../layout/settings";
import { db } from "../queries/db";
import { getDesignerSettings } from "../queries/settings/get-designer-settings";
import type { Actor, Check } from "../vocabulary/access";
import { currentActor, grantsOf } from "./authorize";
import { can } from "./can";
import { describeRefusal } from "./refusal";

/**
 * What the caller may do in the designer on one layout (`layoutId`) or on a new one: the permission model's answers
 * (can), so a change to who may write or create layouts reaches the designer without it knowing roles.
 */
export async function designerAccess(actor: Actor, layoutId?: string): Promise<DesignerAccess> {
  const grants = await grantsOf(actor);
  const write: Check = { action: "layout.write", resource: { type: "layout", ...(layoutId ? { id: layoutId } : {}) } };
  const canEdit = can(actor, write.action, write.resource, grants);
  const canCreate = can(actor, "layout.write", { type: "layout" }, grants);
  const canApply = layoutId !== undefined && can(actor, "layout.apply", { type: "layout", id: layoutId }, grants);
  return {
    canEdit,
    canCreate,
    canApply,
    ...(canEdit ? {} : { readOnlyReason: `Read-only. ${describeRefusal(actor, write, grants)}` }),
  };
}

/** The designer settings for a page that has no caller to authorize (the share view opened signed out). */
export async function publicDesignerSettings(): Promise<DesignerSettings> {
  return getDesignerSettings(db());
}

export interface ShareViewAccess {
  actor: Actor | null;
  settings: DesignerSettings;
  /** The admin requires sign-in for share links and nobody is signed in. */
  mustSignIn: boolean;
  access: DesignerAccess;
}

/**
 * Who opens a share link: anyone, signed in or not, unless an admin requires sign-in. The view never reads fleet
 * data (the layout is in the link's fragment); signed in, "Save a copy" appears when the caller may create layouts.
 */
export async function shareViewAccess(): Promise<ShareViewAccess> {
  const [actor, settings] = await Promise.all([currentActor(), publicDesignerSettings()]);
  const reason = "A shared layout is read-only: it lives in the link.";
  if (!actor)
    return {
      actor,
      settings,
      mustSignIn: settings.shareRequiresSignIn,
      access: {
        canEdit: false,
        canCreate: false,
        canApply: false,
        readOnlyReason: `${reason} Sign in to save a copy.`,
      },
    };
  const { canCreate } = await designerAccess(actor);
  return {
    actor,
    settings,
    mustSignIn: false,
    access: {
      canEdit: false,
      canCreate,
      canApply: false,
      readOnlyReason: canCreate ? `${reason} Save a copy to edit it.` : reason,
    },
  };
}
