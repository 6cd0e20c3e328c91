import { findModel } from "../../catalog";
import type { ModelLookup } from "./quantized-sibling";

/** The built-in catalog as the rules' model lookup. */
export const catalogLookup: ModelLookup = { findModel };
