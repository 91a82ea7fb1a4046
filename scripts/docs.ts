import { readFileSync, writeFileSync } from "node:fs";
import { withModelDocs } from "./model-docs";

const path = new URL("../README.md", import.meta.url);
writeFileSync(path, withModelDocs(readFileSync(path, "utf8")));
console.log("README.md: model reference regenerated from the catalog");
