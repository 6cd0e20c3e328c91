/**
 * What the person looking at a layout in the designer may do, decided on the server with the permission model
 * (lib/auth/designer-access.ts) and handed to the page; the designer only reads it.
 */
export interface DesignerAccess {
  /** May change this layout (save a revision; for a new layout, save it). */
  canEdit: boolean;
  /** May create layouts: "Save a copy". */
  canCreate: boolean;
  /** May apply this layout's revisions (each host is still checked when applying). */
  canApply: boolean;
  /** Why the designer is read-only, in words a person can act on (shown once, at the top). */
  readOnlyReason?: string;
}

export const FULL_ACCESS: DesignerAccess = { canEdit: true, canCreate: true, canApply: true };
