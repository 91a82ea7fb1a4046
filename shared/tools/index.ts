/** The tools that compose models: sweeps, planning, sensitivity, figure presets. */
export const tools = [] as const;
