/** True when out/renderer/index.html is missing or older than the newest renderer source. */
export function rendererBuildIsStale(root: string): boolean;
