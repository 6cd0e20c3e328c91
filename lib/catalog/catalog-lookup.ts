import { findModel } from "./model-search";
import type { ModelLookup } from "./quantized-sibling";

/** The built-in catalog as the rules' model lookup. */
export const catalogLookup: ModelLookup = { findModel };
