/** The releases the simulator plays when FLEETDECK_SIM_ENGINE_VERSION is unset. */
export const DEFAULT_VLLM_VERSION = "0.11.0";
export const DEFAULT_TGI_VERSION = "3.3.5";
