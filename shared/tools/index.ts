import { figureTool } from "./figure";
import { planTool } from "./plan";
import { sensitivityTool } from "./sensitivity";
import { simulateTool } from "./simulate";
import { sweepTool } from "./sweep";
import { cheapestTool } from "./cheapest";

/** The tools that compose models: sweeps, planning, the cheapest design, sensitivity, figure presets, simulation. */
export const tools = [sweepTool, planTool, cheapestTool, sensitivityTool, figureTool, simulateTool] as const;
