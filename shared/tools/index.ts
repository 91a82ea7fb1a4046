import { figureTool } from "./figure";
import { planTool } from "./plan";
import { sensitivityTool } from "./sensitivity";
import { simulateTool } from "./simulate";
import { sweepTool } from "./sweep";

/** The tools that compose models: sweeps, planning, sensitivity, figure presets. */
export const tools = [sweepTool, planTool, sensitivityTool, figureTool, simulateTool] as const;
